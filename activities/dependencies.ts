import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from '../lib/logger';
import type { Mailer } from '../lib/mailer';
import type { SecretBox } from '../lib/secret-box';

/** What the activities need from the outside world; the worker builds these from configuration, tests pass their own. */
export interface ActivityDependencies {
  orm: MikroORM;
  mailer: Mailer;
  secretBox: SecretBox;
  publicBaseUrl: string;
  logger: Logger;
  clock?: () => Date;
  /** How long one mail may keep failing temporarily (4xx, connection) before its issuance fails; default 4 h. */
  mailDeliveryDeadlineMs?: number;
  /** Starts the per-employee workflows of a bulk run; the worker and the test harness pass one. */
  temporal?: Client;
}
