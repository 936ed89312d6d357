import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from '../lib/logger';
import type { Mailer } from '../lib/mailer';
import type { SecretBox } from '../lib/secret-box';

/** What the activities need from the outside world; the worker builds these from configuration, tests pass their own. */
/** Verification mails per second (MAIL_RATE_PER_SECOND) unless configured. */
export const defaultMailRatePerSecond = 50;

export interface ActivityDependencies {
  orm: MikroORM;
  mailer: Mailer;
  secretBox: SecretBox;
  publicBaseUrl: string;
  logger: Logger;
  clock?: () => Date;
  /** How long one mail may keep failing temporarily (4xx, connection) before its issuance fails; default 4 h. */
  mailDeliveryDeadlineMs?: number;
  /** Verification mails per second a bulk chunk sends itself (MAIL_RATE_PER_SECOND); default 50. */
  mailRatePerSecond?: number;
  /** Starts the per-employee workflows of a bulk run; the worker and the test harness pass one. */
  temporal?: Client;
}
