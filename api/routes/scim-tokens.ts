import { z } from 'zod';
import {
  provisioningDefaultsSchema,
  readProvisioningDefaults,
  updateProvisioningDefaults,
  updateProvisioningDefaultsInput,
} from '../../domain/provisioning/provisioning-defaults';
import {
  createdScimTokenSchema,
  createScimToken,
  createScimTokenInput,
  listScimTokens,
  revokeScimToken,
  scimTokenSchema,
} from '../../domain/provisioning/scim-tokens';
import { defineRoute } from '../route';
import { scimBasePath } from '../scim/scim-router';
import type { RouteTarget } from './types';

/** SCIM プロビジョニング: the tokens identity providers provision with, and what new accounts get by default. */
export function registerScimTokenRoutes(target: RouteTarget): void {
  const { services } = target;
  const tenantUrl = `${services.publicBaseUrl.replace(/\/$/, '')}${scimBasePath}`;

  defineRoute(target, {
    method: 'post',
    path: '/api/scim/tokens',
    summary: 'Make a SCIM token (the secret is answered this once)',
    tag: 'SCIM',
    access: { permission: 'settings:write' },
    body: createScimTokenInput,
    responses: {
      201: {
        description: 'Made; paste tenantUrl and token into Entra ID or Okta',
        schema: createdScimTokenSchema.extend({ tenantUrl: z.string() }),
      },
      403: { description: 'ROLE_ABOVE_OWN or SCIM_TOKEN_NOT_SYSTEM_ADMINISTRATOR (field roleCode)' },
    },
    handler: async ({ em, auth, body }) => ({
      status: 201,
      body: { ...(await createScimToken(em, auth, body, services)), tenantUrl },
    }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/scim/tokens',
    summary: 'The SCIM tokens of the company with their last use (never their secrets), and the tenant URL',
    tag: 'SCIM',
    access: { permission: 'settings:write' },
    responses: {
      200: {
        description: 'Oldest first, revoked ones too',
        schema: z.object({ tenantUrl: z.string(), items: z.array(scimTokenSchema) }),
      },
    },
    handler: async ({ em, auth }) => ({ status: 200, body: { tenantUrl, items: await listScimTokens(em, auth) } }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/scim/tokens/:id',
    summary: 'Revoke a SCIM token: its next request is refused',
    tag: 'SCIM',
    access: { permission: 'settings:write' },
    params: z.object({ id: z.string().max(100) }),
    responses: { 200: { description: 'Revoked', schema: scimTokenSchema }, 404: { description: 'No such token' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await revokeScimToken(em, auth, params.id, services),
    }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/scim/provisioning',
    summary: 'What accounts made by SCIM get that SCIM does not carry (type, role, departments, rank, issuance)',
    tag: 'SCIM',
    access: { permission: 'settings:read' },
    responses: { 200: { description: 'The defaults', schema: provisioningDefaultsSchema } },
    handler: async ({ em, auth }) => ({ status: 200, body: await readProvisioningDefaults(em, auth) }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/scim/provisioning',
    summary: 'Change the provisioning defaults (codes that exist today; a role you could assign yourself)',
    tag: 'SCIM',
    access: { permission: 'settings:write' },
    body: updateProvisioningDefaultsInput,
    responses: { 200: { description: 'The defaults', schema: provisioningDefaultsSchema } },
    handler: async ({ em, auth, body }) => ({
      status: 200,
      body: await updateProvisioningDefaults(em, auth, body, services),
    }),
  });
}
