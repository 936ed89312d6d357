import type { EntityManager } from '@mikro-orm/postgresql';
import { type Account, Partner, systemAdministratorCode, Transfer } from '../../entities';
import { assertMayAssignRole, assertMayChangeAccountFields } from '../access/policy';
import type { Principal } from '../access/principal';
import type { Reauthentication } from '../access/reauthentication';
import { ConflictError, InputError } from '../errors';
import { recordAssignment } from '../transfers/assignment-history';
import { accountSnapshot, recordAccountChange } from './account-audit';
import type { UpdateAccountInput } from './account-input';
import { applyEditableFields, assignTo, resolveAssignment, resolvePartner } from './account-rules';
import { queryReferences, type ReferenceLookup } from './references';
import { targetOf } from './target';

/** The fields of the account form a change sets (those given, even as null). */
export function fieldsOf(input: UpdateAccountInput): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}

/**
 * The fields a change sets, leaving out the security fields (step-up) given with their current value: a form
 * that sends every field back unchanged asks no step-up.
 */
function changedFieldsOf(found: Account, input: UpdateAccountInput): string[] {
  const unchanged = {
    emails: () => sameEmails(found, input.emails ?? []),
    azureAdId: () => (input.azureAdId ?? null) === (found.azureAdId ?? null),
    mfaEnabled: () => input.mfaEnabled === found.mfaEnabled,
  } as const;
  return fieldsOf(input).filter((field) => !(field in unchanged && unchanged[field as keyof typeof unchanged]()));
}

function sameEmails(found: Account, emails: readonly (string | null)[]): boolean {
  return ([1, 2, 3] as const).every((slot) => (emails[slot - 1] ?? null) === (found.emailAt(slot) ?? null));
}

/**
 * The one door for a change to an account's data (修正モード), whoever asks: the account form
 * (PATCH /api/accounts/:code, and the CLI and console through it), a CSV import row, a bulk run's typed
 * address. The policy is asked for every field the change sets before anything is written; then the
 * company's rules of each field. Works on an account loaded with its role and company, without the flush.
 * Says whether the change must end the account's sessions (new password, new role, newly disabled).
 */
export async function changeAccountFields(
  tx: EntityManager,
  principal: Principal,
  found: Account,
  input: UpdateAccountInput,
  refs: ReferenceLookup = queryReferences(tx, principal.companyId),
  reauthentication?: Reauthentication,
): Promise<{ endSessions: boolean }> {
  assertMayChangeAccountFields(
    principal,
    await targetOf(tx, found),
    changedFieldsOf(found, input),
    reauthentication?.accountId === principal.accountId,
  );
  const before = accountSnapshot(found);
  const company = found.company.getEntity();
  if (input.type !== undefined && input.type !== found.type) {
    throw new InputError('TYPE_IS_FIXED', 'The account type cannot change after creation.', 'type');
  }
  if (input.partnerCode !== undefined) {
    const partner = await resolvePartner(tx, principal.companyId, found.type, input.partnerCode, refs);
    found.partner = partner && tx.getReference(Partner, partner.id, { wrapped: true });
  }
  const roleBefore = found.role.getEntity().code;
  if (input.current !== undefined) {
    const current = await resolveAssignment(tx, principal.companyId, input.current, 'current', refs);
    if (found.code === systemAdministratorCode && current.role.code !== roleBefore) {
      throw new ConflictError('SYSTEM_ADMINISTRATOR', 'The system administrator keeps its role.', 'current.roleCode');
    }
    if (current.role.code !== roleBefore) {
      assertMayAssignRole(principal, current.role, { id: found.id, currentRoleCode: roleBefore }, 'current.roleCode');
    }
    await checkCurrentDate(tx, found, current.effectiveDate);
    assignTo(tx, found, current);
    recordAssignment(tx, found, 'edit');
  }
  const wasBlocked = found.disabled || found.loginDisabled;
  await applyEditableFields(tx, company, found, input, 'update');
  const roleChanged = input.current !== undefined && input.current.roleCode !== roleBefore;
  const blockedNow = !wasBlocked && (found.disabled || found.loginDisabled);
  await recordAccountChange(tx, principal, 'account.update', found, before);
  return { endSessions: input.password !== undefined || roleChanged || blockedNow };
}

/**
 * A corrected current date must stay after the previous assignment in the history (旧所属の適用日) and
 * before a pending transfer.
 */
async function checkCurrentDate(em: EntityManager, account: Account, effectiveDate: string): Promise<void> {
  if (effectiveDate === account.effectiveDate) return;
  const previous = await em.getConnection().execute<{ effective_date: string }[]>(
    `select to_char(effective_date, 'YYYY-MM-DD') as effective_date from assignment_history
       where account_id = ? and effective_date < ? order by effective_date desc, created_at desc limit 1`,
    [account.id, account.effectiveDate],
  );
  const before = previous[0]?.effective_date;
  if (before && effectiveDate <= before) {
    throw new InputError(
      'EFFECTIVE_DATE_NOT_AFTER_PREVIOUS',
      `The date must be after ${before}, the previous assignment.`,
      'current.effectiveDate',
    );
  }
  const pending = await em.findOne(Transfer, { account, status: 'pending' });
  if (pending && effectiveDate >= pending.effectiveDate) {
    throw new InputError(
      'EFFECTIVE_DATE_NOT_BEFORE_TRANSFER',
      `The date must be before the pending transfer of ${pending.effectiveDate}.`,
      'current.effectiveDate',
    );
  }
}
