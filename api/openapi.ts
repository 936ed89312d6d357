import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

/** The OpenAPI 3.1 document of every route registered through `defineRoute`, served at /openapi.json. */
export function buildOpenApiDocument(registry: OpenAPIRegistry, publicBaseUrl?: string) {
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/auth/login',
  });
  registry.registerComponent('securitySchemes', 'consoleSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'wc_session',
    description:
      "The admin console's httpOnly cookie from POST /api/auth/session; every request but GET/HEAD also sends " +
      'the header X-CSRF-Token with the value of the cookie wc_csrf',
  });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Workforce account and credential issuance API',
      version: '0.1.0',
      description:
        'Admins register accounts and issue each employee a password by e-mail after the employee verifies the address. ' +
        'Every error has the body `{"error": {"code", "message", "field?", "requestId"}}`.',
    },
    ...(publicBaseUrl ? { servers: [{ url: publicBaseUrl }] } : {}),
  });
  return withoutRegexFlags(document);
}

/**
 * zod-to-openapi writes a pattern as `RegExp#toString()` without its slashes, so a flagged regex such as
 * `/^\p{Script=Katakana}+$/u` leaks its flags (`^…$/u`), which no JSON Schema validator accepts. The flags go;
 * JSON Schema patterns are Unicode-aware anyway. An escaped slash (`\/u`) is part of the pattern and stays.
 */
function withoutRegexFlags<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => withoutRegexFlags(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    result[key] =
      key === 'pattern' && typeof value === 'string'
        ? value.replace(/(?<!\\)\/[dgimsuyv]+$/, '')
        : withoutRegexFlags(value);
  }
  return result as T;
}
