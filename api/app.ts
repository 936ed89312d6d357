import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { redactUrl } from '../lib/logger';
import { errorHandler, notFoundHandler } from './errors';
import { buildOpenApiDocument } from './openapi';
import type { MountedRoute } from './route';
import { registerAccountSearchRoutes } from './routes/account-search';
import { registerAccountSecurityRoutes } from './routes/account-security';
import { registerAccountRoutes } from './routes/accounts';
import { registerAuthRoutes } from './routes/auth';
import { registerBulkEmailIssuanceRoutes } from './routes/bulk-email-issuances';
import { registerCredentialMailRoutes } from './routes/credential-mails';
import { registerDepartmentRoutes } from './routes/departments';
import { registerIssuanceRoutes } from './routes/issuances';
import { registerLoginPage } from './routes/login-page';
import { registerPartnerRoutes } from './routes/partners';
import { registerPdfIssuanceRoutes } from './routes/pdf-issuances';
import { registerProjectRoutes } from './routes/projects';
import { registerRankRoutes } from './routes/ranks';
import { registerReportingDepartmentRoutes } from './routes/reporting-departments';
import { registerRoleRoutes } from './routes/roles';
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
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: services.logger,
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use('/docs', helmet({ contentSecurityPolicy: false }));
  app.use(helmet({ referrerPolicy: { policy: 'no-referrer' } }));
  app.use(express.json({ limit: '1mb' }));

  const registry = new OpenAPIRegistry();
  const router = Router();
  const mounted: MountedRoute[] = [];
  const target = { router, registry, services, mounted };
  registerAuthRoutes(target);
  registerAccountSearchRoutes(target);
  registerAccountRoutes(target);
  registerAccountSecurityRoutes(target);
  registerTransferRoutes(target);
  registerIssuanceRoutes(target);
  registerBulkEmailIssuanceRoutes(target);
  registerCredentialMailRoutes(target);
  registerPdfIssuanceRoutes(target);
  registerSettingsRoutes(target);
  registerDepartmentRoutes(target);
  registerReportingDepartmentRoutes(target);
  registerRoleRoutes(target);
  registerRankRoutes(target);
  registerPartnerRoutes(target);
  registerProjectRoutes(target);
  registerVisibleDepartmentRoutes(target);
  registerVerificationRoutes(router, services);
  registerLoginPage(router, services);
  const openApiDocument = buildOpenApiDocument(registry);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApiDocument, { customSiteTitle: 'Workforce credentials API' }));
  app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return { app, routes: mounted, openApiDocument };
}
