import type { MikroORM } from '@mikro-orm/postgresql';
import type { DomainServices } from '../domain/services';
import type { ImportLimits } from '../domain/accounts/account-import';
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
  /** Rows and bytes per CSV import (ACCOUNT_IMPORT_MAX_ROWS / ACCOUNT_IMPORT_MAX_BYTES). */
  importLimits?: ImportLimits;
}
