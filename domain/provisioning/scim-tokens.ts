import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Company, Role, ScimToken } from '../../entities';
import { generateToken } from '../../lib/secret-box';
import { systemAdministratorRole } from '../../lib/permissions';
import { assertMayAssignRole, assertPermitted, assertSameCompany } from '../access/policy';
import { actorOf } from '../audit/actor';
import { recordAudit } from '../audit/audit-trail';
import { changesBetween } from '../audit/changes';
import { principalOfAccount } from '../access/acting-account';
import type { Principal } from '../access/principal';
import { AuthenticationError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { plainText } from '../input-schemas';
import { nowOf, type DomainServices } from '../services';

/**
 * SCIM tokens: the credential an identity provider (Entra ID, Okta) provisions with. Made, listed and revoked by
 * an administrator with `settings:write`; the secret is answered once and only its keyed hash is kept.
 */

export const createScimTokenInput = z
  .object({
    name: plainText(100),
    roleCode: z.string().min(1).max(20).meta({
      description: 'The provisioning role the token acts with; never above your own, never the system administrator',
    }),
  })
  .strict()
  .meta({ id: 'CreateScimTokenRequest' });
export type CreateScimTokenInput = z.infer<typeof createScimTokenInput>;

export const scimTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    roleCode: z.string(),
    createdBy: z.string().meta({ description: 'アカウントコード of the administrator who made it' }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ScimToken' });
export type ScimTokenView = z.infer<typeof scimTokenSchema>;

export const createdScimTokenSchema = scimTokenSchema
  .extend({
    token: z.string().meta({ description: 'The secret, shown this once: paste it into the identity provider' }),
  })
  .meta({ id: 'CreatedScimToken' });

/** What every SCIM token's secret starts with, so one found in a log or a paste is recognised. */
const tokenPrefix = 'scim_';

/** A token's change in the audit trail (`scim-token.create`, `scim-token.revoke`): by its name, never its secret. */
function recordTokenChange(
  em: EntityManager,
  principal: Principal,
  action: 'create' | 'revoke',
  token: ScimToken,
  changes: { before: Record<string, unknown>; after: Record<string, unknown> },
): void {
  recordAudit(em, {
    companyId: principal.companyId,
    actor: actorOf(principal),
    action: `scim-token.${action}`,
    target: { type: 'scim-token', id: token.id, code: token.name },
    changes: changesBetween(changes.before, changes.after),
  });
}

function viewOf(token: ScimToken): ScimTokenView {
  return {
    id: token.id,
    name: token.name,
    roleCode: token.role.getEntity().code,
    createdBy: token.createdBy.getEntity().code,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/**
 * A new token acting with `roleCode`: a role the caller could assign (never above its own), and never the system
 * administrator's, so a directory cannot make, promote or touch system administrators or `Admin`.
 */
export async function createScimToken(
  em: EntityManager,
  principal: Principal,
  input: CreateScimTokenInput,
  services: Pick<DomainServices, 'secretBox'>,
): Promise<ScimTokenView & { token: string }> {
  assertPermitted(principal, 'settings:write');
  const role = await em.findOne(Role, { company: principal.companyId, code: input.roleCode });
  if (!role) throw new InputError('UNKNOWN_ROLE', `No role "${input.roleCode}".`, 'roleCode');
  if (role.code === systemAdministratorRole) {
    throw new ForbiddenError(
      'A SCIM token never acts as a system administrator.',
      'SCIM_TOKEN_NOT_SYSTEM_ADMINISTRATOR',
      'roleCode',
    );
  }
  assertMayAssignRole(principal, role, {}, 'roleCode');
  const secret = `${tokenPrefix}${generateToken()}`;
  const token = new ScimToken({
    company: em.getReference(Company, principal.companyId, { wrapped: true }),
    name: input.name,
    tokenHash: services.secretBox.hashToken(secret),
    role: em.getReference(Role, role.id, { wrapped: true }),
    createdBy: em.getReference(Account, principal.accountId, { wrapped: true }),
  });
  em.persist(token);
  // The secret only as 「変更」: the trail says a token was made, never what it is.
  recordTokenChange(em, principal, 'create', token, {
    before: {},
    after: { name: token.name, role: role.code, token: true },
  });
  await em.flush();
  await em.populate(token, ['role', 'createdBy']);
  return { ...viewOf(token), token: secret };
}

export async function listScimTokens(em: EntityManager, principal: Principal): Promise<ScimTokenView[]> {
  assertPermitted(principal, 'settings:write');
  const tokens = await em.find(
    ScimToken,
    { company: principal.companyId },
    { populate: ['role', 'createdBy'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return tokens.map(viewOf);
}

/** Ends a token at once: the identity provider's next request is refused. */
export async function revokeScimToken(
  em: EntityManager,
  principal: Principal,
  id: string,
  services: Pick<DomainServices, 'clock'>,
): Promise<ScimTokenView> {
  assertPermitted(principal, 'settings:write');
  const token = z.uuid().safeParse(id).success
    ? await em.findOne(ScimToken, id, { populate: ['role', 'createdBy'] })
    : null;
  if (!token) throw new NotFoundError('No such SCIM token.', 'SCIM_TOKEN_NOT_FOUND');
  assertSameCompany(principal, token.company.id, 'SCIM token');
  if (!token.revokedAt) {
    token.revokedAt = nowOf(services);
    recordTokenChange(em, principal, 'revoke', token, {
      before: { revokedAt: null },
      after: { revokedAt: token.revokedAt },
    });
  }
  await em.flush();
  return viewOf(token);
}

/**
 * The principal of a SCIM request's bearer token: the token's provisioning role, in the name of the
 * administrator who made it (who must still be able to log in). Session tokens are not SCIM tokens, and SCIM
 * tokens are not sessions (principalOfToken), so neither opens the other's door.
 */
export async function principalOfScimToken(
  secret: string,
  em: EntityManager,
  services: Pick<DomainServices, 'secretBox' | 'clock'>,
): Promise<Principal> {
  const token = secret.startsWith(tokenPrefix)
    ? await em.findOne(
        ScimToken,
        { tokenHash: services.secretBox.hashToken(secret), revokedAt: null },
        { populate: ['role'] },
      )
    : null;
  if (!token) throw new AuthenticationError('The SCIM token is unknown or revoked.', 'INVALID_TOKEN');
  // The token acts in its maker's name, and only while the maker may still log in.
  const maker = await principalOfAccount(em, token.createdBy.id);
  if (!maker) {
    throw new AuthenticationError('The administrator who made this SCIM token may no longer log in.', 'INVALID_TOKEN');
  }
  await em.nativeUpdate(ScimToken, { id: token.id }, { lastUsedAt: nowOf(services) });
  const role = token.role.getEntity();
  return {
    ...maker,
    roleCode: role.code,
    permissions: role.permissions,
    scimToken: { id: token.id, name: token.name },
  };
}
