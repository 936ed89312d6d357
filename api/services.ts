import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from '../lib/logger';
import type { SecretBox } from '../lib/secret-box';

/** What the HTTP layer needs; `createApp` receives it, tests build it from real parts. */
export interface ApiServices {
  orm: MikroORM;
  temporal: Client;
  secretBox: SecretBox;
  logger: Logger;
  publicBaseUrl: string;
  sessionTtlMinutes: number;
  clock?: () => Date;
}
