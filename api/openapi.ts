import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/auth/login',
  });
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Workforce account and credential issuance API',
      version: '0.1.0',
      description:
        'Admins register accounts and issue each employee a password by e-mail after the employee verifies the address. ' +
        'Every error has the body `{"error": {"code", "message", "field?"}}`.',
    },
  });
}
