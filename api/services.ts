import type { MikroORM } from '@mikro-orm/postgresql';
import type { DomainServices } from '../domain/services';
import type { ImportLimits } from '../domain/accounts/account-import';
import type { JsonLimits } from './json-body';
import type { RateLimitSettings } from './rate-limits';

/** What the HTTP layer needs; `createApp` receives it, tests build it from real parts. */
export interface ApiServices extends DomainServices {
  orm: MikroORM;
  publicBaseUrl: string;
  /** Express's `trust proxy`: off unless a reverse proxy sets X-Forwarded-For (TRUST_PROXY). */
  trustProxy?: boolean | string | number;
  rateLimits?: RateLimitSettings;
  /** AZURE_AD_CLIENT_SECRET_<CODE> variables (lib/config.ts), used when a company keeps no sealed secret. */
  azureAdClientSecrets?: Record<string, string>;
  /** Size and nesting of a JSON body (JSON_BODY_MAX_BYTES / JSON_BODY_MAX_DEPTH). */
  jsonLimits?: JsonLimits;
  /** Rows, bytes and cell length per CSV import (ACCOUNT_IMPORT_MAX_ROWS / _MAX_BYTES / _MAX_CELL_CHARS). */
  importLimits?: ImportLimits;
}
