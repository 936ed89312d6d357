import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { accountTypes, Company, Rank, ScimProvisioning } from '../../entities';
import { todayIn } from '../../lib/calendar';
import { systemAdministratorRole } from '../../lib/permissions';
import { assertMayAssignRole, assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { resolveAssignment } from '../accounts/account-rules';
import { actorOf } from '../audit/actor';
import { recordAudit } from '../audit/audit-trail';
import { changesBetween } from '../audit/changes';
import { ForbiddenError, InputError } from '../errors';
import { nowOf, type DomainServices } from '../services';

/**
 * What an account made by SCIM gets that SCIM does not carry: its type, role, departments (所属部門 when the user
 * names none the company knows, コントロール部門, 集計用コントロール部門) and rank, and whether its issuance starts at
 * once on the company's e-mail channel. Set by an administrator with `settings:write`.
 */
export const provisioningDefaultsSchema = z
  .object({
    type: z.enum(accountTypes),
    roleCode: z.string().min(1).max(20),
    departmentCode: z.string().min(1).max(10),
    controlDepartmentCode: z.string().min(1).max(10),
    reportingControlDepartmentCode: z.string().min(1).max(11),
    rankCode: z.string().min(1).max(10).nullable(),
    issueOnCreate: z.boolean().meta({
      description: 'A new account with an address gets the verification request mail at once (e-mail channel only)',
    }),
  })
  .meta({ id: 'ScimProvisioningDefaults' });
export type ProvisioningDefaults = z.infer<typeof provisioningDefaultsSchema>;

export const updateProvisioningDefaultsInput = provisioningDefaultsSchema
  .partial()
  .strict()
  .meta({ id: 'UpdateScimProvisioningDefaultsRequest' });

function viewOf(row: ScimProvisioning): ProvisioningDefaults {
  return {
    type: row.type,
    roleCode: row.roleCode,
    departmentCode: row.departmentCode,
    controlDepartmentCode: row.controlDepartmentCode,
    reportingControlDepartmentCode: row.reportingControlDepartmentCode,
    rankCode: row.rankCode ?? null,
    issueOnCreate: row.issueOnCreate,
  };
}

/** The company's defaults, or the built-in ones (own, 一般, the whole company 0, no rank, no issuance). */
export async function provisioningDefaultsOf(em: EntityManager, companyId: string): Promise<ProvisioningDefaults> {
  const row = await em.findOne(ScimProvisioning, { company: companyId });
  return viewOf(row ?? new ScimProvisioning(em.getReference(Company, companyId, { wrapped: true })));
}

export async function readProvisioningDefaults(em: EntityManager, principal: Principal): Promise<ProvisioningDefaults> {
  assertPermitted(principal, 'settings:read');
  return provisioningDefaultsOf(em, principal.companyId);
}

/**
 * Changes the defaults. The codes must exist today, the rank be active, and the role one the caller could assign
 * itself (never the system administrator's): the defaults cannot hand out more than their author may.
 */
export async function updateProvisioningDefaults(
  em: EntityManager,
  principal: Principal,
  input: z.infer<typeof updateProvisioningDefaultsInput>,
  services: Pick<DomainServices, 'clock'> = {},
): Promise<ProvisioningDefaults> {
  assertPermitted(principal, 'settings:write');
  return em.transactional(async (tx) => {
    const company = await tx.findOneOrFail(Company, principal.companyId);
    let row = await tx.findOne(ScimProvisioning, { company: company.id });
    if (!row) {
      row = new ScimProvisioning(tx.getReference(Company, company.id, { wrapped: true }));
      tx.persist(row);
    }
    const before = viewOf(row);
    const next = { ...before, ...input };
    const resolved = await resolveAssignment(
      tx,
      company.id,
      {
        effectiveDate: todayIn(company.timeZone, nowOf(services)),
        departmentCode: next.departmentCode,
        controlDepartmentCode: next.controlDepartmentCode,
        reportingControlDepartmentCode: next.reportingControlDepartmentCode,
        roleCode: next.roleCode,
      },
      '',
    );
    if (resolved.role.code === systemAdministratorRole) {
      throw new ForbiddenError('SCIM never makes system administrators.', 'ROLE_ABOVE_OWN', 'roleCode');
    }
    assertMayAssignRole(principal, resolved.role, {}, 'roleCode');
    if (
      next.rankCode !== null &&
      !(await tx.findOne(Rank, { company: company.id, code: next.rankCode, active: true }))
    ) {
      throw new InputError('UNKNOWN_RANK', `No active rank "${next.rankCode}".`, 'rankCode');
    }
    Object.assign(row, { ...next, rankCode: next.rankCode ?? undefined });
    const changes = changesBetween(before, viewOf(row));
    if (changes.length > 0) {
      recordAudit(tx, {
        companyId: company.id,
        actor: actorOf(principal),
        action: 'scim-provisioning.update',
        target: { type: 'scim-provisioning', id: row.id },
        changes,
      });
    }
    await tx.flush();
    return viewOf(row);
  });
}
