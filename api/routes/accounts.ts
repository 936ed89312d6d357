import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, accountTypes, Company, locales, Role } from '../../entities';
import { hashPassword } from '../../lib/passwords';
import { defaultEmployeeRole } from '../../lib/permissions';
import { accountSchema, accountView } from '../account-view';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { accountCodeParam, emailAddress, passwordText } from '../input-schemas';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const emailSlots = z
  .array(emailAddress.nullable())
  .max(3)
  .meta({ description: 'メールアドレス1, 2, 3 in order; null leaves a slot empty' });

const createAccountBody = z
  .object({
    code: accountCodeParam.shape.code,
    type: z.enum(accountTypes),
    lastName: z.string().trim().min(1).max(10),
    firstName: z.string().trim().min(1).max(10),
    lastNameKana: z.string().trim().min(1).max(10).optional(),
    firstNameKana: z.string().trim().min(1).max(10).optional(),
    emails: emailSlots.optional(),
    locale: z.enum(locales).optional(),
    roleCode: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .meta({ description: `Defaults to "${defaultEmployeeRole}"` }),
    password: passwordText.min(1).optional().meta({ description: 'Usually left out: the password is issued' }),
    mustChangePassword: z.boolean().optional(),
  })
  .strict()
  .refine((body) => !/^\.+$/.test(body.code), { path: ['code'], message: 'a code of dots alone is not allowed' })
  .meta({ id: 'CreateAccountRequest' });

const updateAccountBody = z
  .object({
    lastName: z.string().trim().min(1).max(10),
    firstName: z.string().trim().min(1).max(10),
    lastNameKana: z.string().trim().min(1).max(10).nullable(),
    firstNameKana: z.string().trim().min(1).max(10).nullable(),
    emails: emailSlots,
    locale: z.enum(locales).nullable(),
    roleCode: z.string().min(1).max(20),
    disabled: z.boolean(),
    loginDisabled: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateAccountRequest' });

const listQuery = z.object({
  codePrefix: z.string().max(10).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

async function findRole(em: EntityManager, companyId: string, code: string): Promise<Role> {
  const role = await em.findOne(Role, { company: companyId, code });
  if (!role) throw new InputError('UNKNOWN_ROLE', `No role "${code}".`, 'roleCode');
  return role;
}

function applyEmails(account: Account, emails: (string | null)[]): void {
  [account.email1, account.email2, account.email3] = [0, 1, 2].map((i) => emails[i] ?? undefined);
}

export async function findAccount(em: EntityManager, companyId: string, code: string): Promise<Account> {
  const account = await em.findOne(Account, { company: companyId, code }, { populate: ['role'] });
  if (!account) throw new NotFoundError(`No account "${code}".`, 'ACCOUNT_NOT_FOUND');
  return account;
}

export function registerAccountRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/accounts',
    summary: 'List accounts (アカウント一覧)',
    tag: 'Accounts',
    access: { permission: 'accounts:read' },
    query: listQuery,
    responses: {
      200: {
        description: 'One page of accounts, ordered by code',
        schema: z.object({ total: z.number().int(), items: z.array(accountSchema) }),
      },
    },
    handler: async ({ em, auth, query }) => {
      const where = {
        company: auth.companyId,
        ...(query.codePrefix ? { code: { $like: `${query.codePrefix.replace(/[\\%_]/g, '\\$&')}%` } } : {}),
      };
      const [items, total] = await em.findAndCount(Account, where, {
        populate: ['role'],
        orderBy: { code: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return { status: 200, body: { total, items: items.map(accountView) } };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/accounts',
    summary: 'Register an account (アカウント登録)',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    body: createAccountBody,
    responses: {
      201: { description: 'Created', schema: accountSchema },
      409: { description: 'The code is taken' },
    },
    handler: async ({ em, auth, body }) => {
      const company = await em.findOneOrFail(Company, auth.companyId);
      const role = await findRole(em, auth.companyId, body.roleCode ?? defaultEmployeeRole);
      if (body.password !== undefined && body.password.length < company.minPasswordLength) {
        throw new InputError(
          'PASSWORD_TOO_SHORT',
          `The password needs at least ${company.minPasswordLength} characters.`,
          'password',
        );
      }
      const account = new Account({
        company: em.getReference(Company, company.id, { wrapped: true }),
        code: body.code,
        type: body.type,
        lastName: body.lastName,
        firstName: body.firstName,
        role: em.getReference(Role, role.id, { wrapped: true }),
      });
      account.lastNameKana = body.lastNameKana;
      account.firstNameKana = body.firstNameKana;
      account.locale = body.locale;
      applyEmails(account, body.emails ?? []);
      if (body.password !== undefined) {
        account.passwordHash = await hashPassword(body.password);
        account.mustChangePassword = body.mustChangePassword ?? true;
      }
      em.persist(account);
      try {
        await em.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw new ConflictError('ACCOUNT_CODE_TAKEN', `The account code "${body.code}" is already used.`, 'code');
        }
        throw error;
      }
      await em.populate(account, ['role']);
      return { status: 201, body: accountView(account) };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code',
    summary: 'Read one account',
    tag: 'Accounts',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: { 200: { description: 'The account', schema: accountSchema }, 404: { description: 'No such account' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: accountView(await findAccount(em, auth.companyId, params.code)),
    }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/accounts/:code',
    summary: 'Change an account',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: updateAccountBody,
    responses: {
      200: { description: 'The changed account', schema: accountSchema },
      404: { description: 'No such account' },
    },
    handler: async ({ em, auth, params, body }) => {
      const account = await findAccount(em, auth.companyId, params.code);
      if (body.roleCode !== undefined) {
        const role = await findRole(em, auth.companyId, body.roleCode);
        account.role = em.getReference(Role, role.id, { wrapped: true });
      }
      if (body.lastName !== undefined) account.lastName = body.lastName;
      if (body.firstName !== undefined) account.firstName = body.firstName;
      if (body.lastNameKana !== undefined) account.lastNameKana = body.lastNameKana ?? undefined;
      if (body.firstNameKana !== undefined) account.firstNameKana = body.firstNameKana ?? undefined;
      if (body.locale !== undefined) account.locale = body.locale ?? undefined;
      if (body.emails !== undefined) applyEmails(account, body.emails);
      if (body.disabled !== undefined) account.disabled = body.disabled;
      if (body.loginDisabled !== undefined) account.loginDisabled = body.loginDisabled;
      await em.flush();
      await em.populate(account, ['role'], { refresh: true });
      return { status: 200, body: accountView(account) };
    },
  });
}
