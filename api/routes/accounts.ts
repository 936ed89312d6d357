import {
  createAccountInput,
  rankChangeInput,
  rankRowInput,
  rankRowParams,
  updateAccountInput,
} from '../../domain/accounts/account-input';
import { accountSchema } from '../../domain/accounts/account-view';
import { addRankRow, changeRankRow, removeRankRow } from '../../domain/accounts/rank-history';
import { createAccount, deleteAccount, readAccount, updateAccount } from '../../domain/accounts/registration';
import { accountCodeParam } from '../../domain/input-schemas';
import { errorBodySchema } from '../errors';
import type { RateLimits } from '../rate-limits';
import { defineRoute } from '../route';
import { stepUpFields, stepUpOf } from './step-up';
import type { RouteTarget } from './types';

const updateAccountRequest = updateAccountInput.extend(stepUpFields).strict().meta({ id: 'UpdateAccountRequest' });

export function registerAccountRoutes(target: RouteTarget, rateLimits: RateLimits): void {
  defineRoute(target, {
    method: 'post',
    path: '/api/accounts',
    summary: 'Register an account (アカウント登録)',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    body: createAccountInput,
    responses: {
      201: { description: 'Created', schema: accountSchema },
      409: { description: 'The code is taken' },
    },
    handler: async ({ em, auth, body }) => ({ status: 201, body: await createAccount(em, auth, body) }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code',
    summary: 'Read one account with its current assignment, pending transfer and rank history',
    tag: 'Accounts',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: { 200: { description: 'The account', schema: accountSchema }, 404: { description: 'No such account' } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await readAccount(em, auth, params.code) }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/accounts/:code',
    summary: 'Change an account (修正モード); the type cannot change',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: updateAccountRequest,
    responses: {
      200: { description: 'The changed account', schema: accountSchema },
      400: {
        description: 'A field breaks a rule; WRONG_CURRENT_PASSWORD, MFA_CODE_REQUIRED, INVALID_MFA_CODE (step-up)',
        schema: errorBodySchema,
      },
      403: {
        description:
          'The policy: REISSUE_NOT_PERMITTED (field password), OWN_PASSWORD, STEP_UP_REQUIRED (own mfaEnabled, azureAdId, emails without currentPassword)…',
        schema: errorBodySchema,
      },
      429: { description: 'Too many wrong step-up passwords from this address', schema: errorBodySchema },
      404: { description: 'No such account' },
      409: { description: 'Not allowed for the system administrator' },
    },
    handler: async ({ em, auth, params, body, req }) => {
      const { currentPassword, mfaCode, ...changes } = body;
      const context = { em, auth, req, rateLimits, services: target.services };
      const reauthentication = await stepUpOf(context, { currentPassword, mfaCode });
      return {
        status: 200,
        body: await updateAccount(em, auth, params.code, changes, target.services, reauthentication),
      };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code',
    summary: 'Delete an account; refused while it is in use, and always for the system administrator',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such account' },
      409: { description: 'In use (the code and message say where) or the system administrator' },
    },
    handler: async ({ em, auth, params }) => {
      await deleteAccount(em, auth, params.code, target.services);
      return { status: 204 };
    },
  });

  registerRankHistoryRoutes(target);
}

/** 社員ランク: a row is added each time the rank changes; one row is corrected or removed at a time. */
function registerRankHistoryRoutes(target: RouteTarget): void {
  const responses = {
    404: { description: 'No such account (or no row for that month)' },
    409: { description: 'The month has a row already, or the last rank of an own account' },
  };
  defineRoute(target, {
    method: 'post',
    path: '/api/accounts/:code/ranks',
    summary: 'Add a rank row (社員ランク 適用年月) to the history',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: rankRowInput,
    responses: { 201: { description: 'The account with its history', schema: accountSchema }, ...responses },
    handler: async ({ em, auth, params, body }) => ({
      status: 201,
      body: await addRankRow(em, auth, params.code, body),
    }),
  });
  defineRoute(target, {
    method: 'put',
    path: '/api/accounts/:code/ranks/:month',
    summary: 'Correct the rank of one row (inactive ranks allowed, as in 修正モード)',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: rankRowParams,
    body: rankChangeInput,
    responses: { 200: { description: 'The account with its history', schema: accountSchema }, ...responses },
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await changeRankRow(em, auth, params.code, params.month, body),
    }),
  });
  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/ranks/:month',
    summary: 'Remove one row; an own account keeps at least one rank',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: rankRowParams,
    responses: { 200: { description: 'The account with its history', schema: accountSchema }, ...responses },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await removeRankRow(em, auth, params.code, params.month),
    }),
  });
}
