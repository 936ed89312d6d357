import { AccountImport, AccountImportRow } from './account-import.entity';
import { AccountRank } from './account-rank.entity';
import { AuditChain, AuditEvent } from './audit-event.entity';
import { Account } from './account.entity';
import { BulkRun, BulkRunItem } from './bulk-run.entity';
import { Company } from './company.entity';
import { Department, ReportingDepartment } from './department.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { Issuance } from './issuance.entity';
import { MailSendPace } from './mail-send-pace.entity';
import { Partner } from './partner.entity';
import { PasswordNotice, PasswordNoticeItem } from './password-notice.entity';
import { Project, ProjectMember } from './project.entity';
import { Rank } from './rank.entity';
import { RateLimitCounter } from './rate-limit.entity';
import { Reorganisation, ReorganisationChange } from './reorganisation.entity';
import { Role } from './role.entity';
import { ScimAccount, ScimProvisioning, ScimToken } from './scim.entity';
import { Session } from './session.entity';
import { AssignmentHistory, Transfer } from './transfer.entity';

export * from './account-import.entity';
export * from './account-rank.entity';
export * from './account.entity';
export * from './audit-event.entity';
export * from './bulk-run.entity';
export * from './company.entity';
export * from './department.entity';
export * from './idempotency-key.entity';
export * from './issuance.entity';
export * from './mail-send-pace.entity';
export * from './partner.entity';
export * from './password-notice.entity';
export * from './project.entity';
export * from './rank.entity';
export * from './rate-limit.entity';
export * from './reorganisation.entity';
export * from './role.entity';
export * from './scim.entity';
export * from './session.entity';
export * from './transfer.entity';

export const entities = [
  Company,
  Role,
  Department,
  ReportingDepartment,
  Rank,
  Partner,
  Account,
  AccountRank,
  Project,
  ProjectMember,
  Transfer,
  AssignmentHistory,
  Issuance,
  Session,
  BulkRun,
  BulkRunItem,
  PasswordNotice,
  PasswordNoticeItem,
  RateLimitCounter,
  Reorganisation,
  ReorganisationChange,
  AccountImport,
  AccountImportRow,
  MailSendPace,
  IdempotencyKey,
  AuditEvent,
  AuditChain,
  ScimToken,
  ScimProvisioning,
  ScimAccount,
];
