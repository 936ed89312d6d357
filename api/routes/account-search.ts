import { accountListSchema, accountSearchQuery, listAccounts } from '../../domain/accounts/account-list';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

export function registerAccountSearchRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/accounts',
    summary: 'Search accounts (アカウント一覧)',
    tag: 'Accounts',
    access: { permission: 'accounts:read' },
    query: accountSearchQuery,
    responses: { 200: { description: 'One page of the matching accounts', schema: accountListSchema } },
    handler: async ({ em, auth, query }) => ({ status: 200, body: await listAccounts(em, auth, query) }),
  });
}
