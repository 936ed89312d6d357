import { ref, type EntityManager } from '@mikro-orm/postgresql';
import { Account, AssignmentHistory, ReportingDepartment, Transfer } from '../../entities';
import type { OrgChart, UsageReason } from './org-chart';

async function reportingDepartmentUsage(em: EntityManager, id: string): Promise<UsageReason | undefined> {
  const filter = { reportingControlDepartment: id };
  if (await em.count(Account, filter)) return 'ACCOUNTS';
  if (await em.count(Transfer, filter)) return 'TRANSFERS';
  if (await em.count(AssignmentHistory, filter)) return 'HISTORY';
  return undefined;
}

/** The reporting organisation chart (集計用組織図), the scope of 集計用コントロール部門. */
export const reportingDepartmentChart: OrgChart<ReportingDepartment> = {
  entity: ReportingDepartment,
  table: 'reporting_department',
  noun: 'reporting department',
  errorPrefix: 'REPORTING_DEPARTMENT',
  codeMaxLength: 11,
  extraFields: {},
  extraView: () => ({}),
  populate: [],
  applyExtra: async () => {},
  create: (company, code, name, parent) => new ReportingDepartment(company, code, name, ref(parent)),
  setParent: (unit, parent) => {
    unit.parent = ref(parent);
  },
  usedBy: reportingDepartmentUsage,
};
