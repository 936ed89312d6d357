import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';

export const accountImportStatuses = ['running', 'done'] as const;
export type AccountImportStatus = (typeof accountImportStatuses)[number];

/**
 * One CSV import of accounts. Its rows are stored here (AccountImportRow), never in the workflow's
 * history, which carries only the import's id and counts. A file never holds passwords: the column is
 * refused (passwords come from issuance).
 */
@Entity()
export class AccountImport extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'set null' })
  requestedBy?: Ref<Account>;

  @Property({ type: 'string', length: 200 })
  fileName: string;

  @Property({ type: 'integer' })
  total: number;

  @Enum({ items: () => accountImportStatuses })
  status: AccountImportStatus = 'running';

  @Property({ type: 'string', length: 200 })
  workflowId: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt?: Date;

  constructor(init: {
    company: Ref<Company>;
    requestedBy?: Ref<Account>;
    fileName: string;
    total: number;
    workflowId: string;
  }) {
    super();
    this.company = init.company;
    this.requestedBy = init.requestedBy;
    this.fileName = init.fileName;
    this.total = init.total;
    this.workflowId = init.workflowId;
  }
}

export const importRowOutcomes = ['pending', 'create', 'update', 'unchanged', 'error'] as const;
export type ImportRowOutcome = (typeof importRowOutcomes)[number];

/**
 * One data row of an import: its cells as read from the file, and once applied its outcome. The row's
 * outcome is written in the transaction that applies it, so a retried chunk skips it.
 */
@Entity()
@Unique({ properties: ['accountImport', 'rowNumber'] })
@Index({ properties: ['accountImport', 'outcome', 'rowNumber'] })
export class AccountImportRow extends BaseEntity {
  @ManyToOne({ entity: () => AccountImport, ref: true, deleteRule: 'cascade' })
  accountImport: Ref<AccountImport>;

  /** The record's number in the file, the header being 1. */
  @Property({ type: 'integer' })
  rowNumber: number;

  @Property({ type: 'string', length: 100 })
  code: string;

  @Property({ type: 'json' })
  cells: Record<string, string>;

  @Enum({ items: () => importRowOutcomes })
  outcome: ImportRowOutcome = 'pending';

  @Property({ type: 'string', length: 100, nullable: true })
  field?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  errorCode?: string;

  @Property({ type: 'string', length: 500, nullable: true })
  message?: string;

  /** The values the admin's text of errorCode needs (api/messages.ts), e.g. the row a repeated code is also on. */
  @Property({ type: 'json', nullable: true })
  params?: Record<string, string | number>;

  constructor(init: {
    accountImport: Ref<AccountImport>;
    rowNumber: number;
    code: string;
    cells: Record<string, string>;
  }) {
    super();
    this.accountImport = init.accountImport;
    this.rowNumber = init.rowNumber;
    this.code = init.code;
    this.cells = init.cells;
  }
}
