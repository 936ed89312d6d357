import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { redactUrl } from '../lib/logger';
import { mountConsole } from './console-static';
import { errorHandler, notFoundHandler } from './errors';
import { httpMetrics } from './http-metrics';
import { methodNotAllowed } from './method-not-allowed';
import { defaultJsonLimits, jsonBody } from './json-body';
import { buildOpenApiDocument } from './openapi';
import { registerOperationsRoutes } from './operations-routes';
import { defaultRateLimits, RateLimits } from './rate-limits';
import { requestContext, requestIdFor } from './request-id';
import { createScimRouter, scimBasePath } from './scim/scim-router';
import { securityHeaders } from './security-headers';
import type { MountedRoute } from './route';
import { registerAccountImportRoutes } from './routes/account-imports';
import { registerAccountSearchRoutes } from './routes/account-search';
import { registerAccountSecurityRoutes } from './routes/account-security';
import { registerAuditActionRoutes } from './routes/audit-actions';
import { registerAuditEventRoutes } from './routes/audit-events';
import { registerAccountRoutes } from './routes/accounts';
import { registerAuthRoutes } from './routes/auth';
import { registerBulkEmailIssuanceRoutes } from './routes/bulk-email-issuances';
import { registerCredentialMailRoutes } from './routes/credential-mails';
import { registerDepartmentRoutes } from './routes/departments';
import { registerReorganisationRoutes } from './routes/reorganisations';
import { registerIssuanceRoutes } from './routes/issuances';
import { registerLoginPage } from './routes/login-page';
import { registerPartnerRoutes } from './routes/partners';
import { registerPdfIssuanceRoutes } from './routes/pdf-issuances';
import { registerProjectRoutes } from './routes/projects';
import { registerRankRoutes } from './routes/ranks';
import { registerReportingDepartmentRoutes } from './routes/reporting-departments';
import { registerRoleRoutes } from './routes/roles';
import { registerScimTokenRoutes } from './routes/scim-tokens';
import { registerSettingsRoutes } from './routes/settings';
import { registerTransferRoutes } from './routes/transfers';
import { registerVerificationRoutes } from './routes/verification';
import { registerVisibleDepartmentRoutes } from './routes/visible-departments';
import type { ApiServices } from './services';

export interface App {
  app: Express;
  /** Every documented route with who may call it; the authorization tests walk this list. */
  routes: readonly MountedRoute[];
  openApiDocument: ReturnType<typeof buildOpenApiDocument>;
}

export function createApp(services: ApiServices): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', services.trustProxy ?? false);
  const rateLimits = new RateLimits(services.orm, services.rateLimits ?? defaultRateLimits);
  app.use(
    pinoHttp({
      logger: services.logger,
      genReqId: requestIdFor,
      // A 5xx is the service failing (or a dependency it needs): alerting reads level error.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(requestContext);
  app.use(httpMetrics);
  app.use('/docs', helmet({ contentSecurityPolicy: false }));
  app.use(helmet(securityHeaders(services.publicBaseUrl)));
  app.use(scimBasePath, createScimRouter(services, rateLimits));
  app.use(jsonBody(services.jsonLimits ?? defaultJsonLimits));

  const registry = new OpenAPIRegistry();
  const router = Router();
  const mounted: MountedRoute[] = [];
  const target = { router, registry, services, mounted };
  registerAuthRoutes(target, rateLimits);
  registerAccountSearchRoutes(target);
  registerAccountImportRoutes(target);
  registerAccountRoutes(target, rateLimits);
  registerAccountSecurityRoutes(target, rateLimits);
  registerTransferRoutes(target);
  registerIssuanceRoutes(target);
  registerBulkEmailIssuanceRoutes(target);
  registerCredentialMailRoutes(target);
  registerPdfIssuanceRoutes(target);
  registerSettingsRoutes(target);
  registerScimTokenRoutes(target);
  registerDepartmentRoutes(target);
  registerReorganisationRoutes(target);
  registerReportingDepartmentRoutes(target);
  registerRoleRoutes(target);
  registerRankRoutes(target);
  registerPartnerRoutes(target);
  registerProjectRoutes(target);
  registerVisibleDepartmentRoutes(target);
  registerAuditEventRoutes(target);
  registerAuditActionRoutes(target);
  registerVerificationRoutes(router, services, rateLimits);
  registerLoginPage(router, services, rateLimits);
  mounted.push(...registerOperationsRoutes(app, registry, services));
  const openApiDocument = buildOpenApiDocument(registry, services.publicBaseUrl);

  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApiDocument, { customSiteTitle: 'Workforce credentials API' }));
  app.use(router);
  mountConsole(app);
  app.use(methodNotAllowed(mounted));
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return { app, routes: mounted, openApiDocument };
}
