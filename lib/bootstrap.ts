import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Account,
  Company,
  Department,
  ReportingDepartment,
  Role,
  systemAdministratorCode,
  wholeCompanyCode,
  type WorkStyle,
} from '../entities';
import { todayIn } from './calendar';
import { generatePassword, hashPassword } from './passwords';
import { defaultRoles, systemAdministratorRole } from './permissions';
import { recordOperatorPassword } from '../domain/issuance/state-machine';

/** 氏名略名 of the system administrator (at most 6 characters). */
export const systemAdministratorShortName = '管理者';

/** The work style an own account gets when none is chosen: the first the company's policy allows. */
export function firstWorkStyle(company: Company): WorkStyle {
  return company.workStylePolicy === 'flex-only' ? 'flex' : 'general';
}

export interface BootstrapResult {
  company: Company;
  /** Set only when this call created the system administrator with a generated password. */
  generatedAdminPassword?: string;
  createdAdmin: boolean;
}

/**
 * Makes sure a company exists with the default roles and its system administrator `Admin`.
 * The administrator's password comes from the caller (ADMIN_PASSWORD) or is generated and returned
 * once, for the caller to show to the operator; it is never stored or logged in plaintext.
 */
export async function bootstrapCompany(
  em: EntityManager,
  init: { code: string; name: string; serviceName?: string; adminPassword?: string },
): Promise<BootstrapResult> {
  return em.transactional(async (tx) => {
    await tx.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`bootstrap:${init.code}`]);
    let company = await tx.findOne(Company, { code: init.code });
    if (!company) {
      company = new Company(init.code, init.name, init.serviceName ?? 'Workforce');
      tx.persist(company);
    }
    const roles = new Map((await tx.find(Role, { company })).map((role) => [role.code, role]));
    for (const definition of defaultRoles) {
      if (roles.has(definition.code)) continue;
      const role = new Role(tx.getReference(Company, company.id, { wrapped: true }), definition.code, definition.name, [
        ...definition.permissions,
      ]);
      roles.set(role.code, role);
      tx.persist(role);
    }
    const companyRef = tx.getReference(Company, company.id, { wrapped: true });
    let root = await tx.findOne(Department, { company, code: wholeCompanyCode });
    if (!root) {
      root = new Department(companyRef, wholeCompanyCode, '全社');
      tx.persist(root);
    }
    let reportingRoot = await tx.findOne(ReportingDepartment, { company, code: wholeCompanyCode });
    if (!reportingRoot) {
      reportingRoot = new ReportingDepartment(companyRef, wholeCompanyCode, '全社');
      tx.persist(reportingRoot);
    }
    const existingAdmin = await tx.findOne(Account, { company, code: systemAdministratorCode });
    if (existingAdmin) return { company, createdAdmin: false };

    const password = init.adminPassword ?? generatePassword(16);
    const admin = new Account({
      company: tx.getReference(Company, company.id, { wrapped: true }),
      code: systemAdministratorCode,
      type: 'own',
      lastName: 'システム',
      firstName: '管理者',
      effectiveDate: todayIn(company.timeZone),
      department: tx.getReference(Department, root.id, { wrapped: true }),
      controlDepartment: tx.getReference(Department, root.id, { wrapped: true }),
      reportingControlDepartment: tx.getReference(ReportingDepartment, reportingRoot.id, { wrapped: true }),
      role: tx.getReference(Role, roles.get(systemAdministratorRole)!.id, { wrapped: true }),
    });
    // Every rule of 【アカウント登録】 holds, so that 更新 on Admin as it is saves: a short name and a work style.
    admin.shortName = systemAdministratorShortName;
    admin.workStyle = firstWorkStyle(company);
    admin.passwordHash = await hashPassword(password);
    // The operator holds this password (printed once, or ADMIN_PASSWORD): 発行済.
    recordOperatorPassword(admin);
    admin.mustChangePassword = init.adminPassword === undefined;
    tx.persist(admin);
    return {
      company,
      createdAdmin: true,
      ...(init.adminPassword === undefined ? { generatedAdminPassword: password } : {}),
    };
  });
}
