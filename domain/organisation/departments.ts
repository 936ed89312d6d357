import { ref, type EntityManager } from '@mikro-orm/postgresql';
import { Account, AssignmentHistory, Department, Transfer } from '../../entities';
import { InputError } from '../errors';
import { accountCodeParam } from '../input-schemas';
import type { OrgChart, UsageReason } from './org-chart';

async function departmentUsage(em: EntityManager, id: string): Promise<UsageReason | undefined> {
  const either = { $or: [{ department: id }, { controlDepartment: id }] };
  if (await em.count(Account, either)) return 'ACCOUNTS';
  if (await em.count(Transfer, either)) return 'TRANSFERS';
  if (await em.count(AssignmentHistory, either)) return 'HISTORY';
  return undefined;
}

/** The HR organisation chart (部門マスタ), with each department's approver (承認者). */
export const departmentChart: OrgChart<Department> = {
  entity: Department,
  table: 'department',
  noun: 'department',
  errorPrefix: 'DEPARTMENT',
  codeMaxLength: 10,
  extraFields: {
    approverCode: accountCodeParam.shape.code
      .nullable()
      .optional()
      .meta({ description: '承認者: account code; null removes the approver' }),
  },
  extraView: (department) => ({
    approverCode: department.approver?.getEntity().code ?? null,
    validFrom: department.validFrom ?? null,
    validTo: department.validTo ?? null,
  }),
  populate: ['approver'],
  async applyExtra(em, companyId, department, extra) {
    const approverCode = extra.approverCode as string | null | undefined;
    if (approverCode === undefined) return;
    if (approverCode === null) {
      department.approver = undefined;
      return;
    }
    const approver = await em.findOne(Account, { company: companyId, code: approverCode });
    if (!approver) throw new InputError('UNKNOWN_ACCOUNT', `No account "${approverCode}".`, 'approverCode');
    department.approver = ref(approver);
  },
  create: (company, code, name, parent) => new Department(company, code, name, ref(parent)),
  setParent: (department, parent) => {
    department.parent = ref(parent);
  },
  usedBy: departmentUsage,
};
