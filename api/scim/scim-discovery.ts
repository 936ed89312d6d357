import { coreUserSchema, enterpriseUserSchema } from '../../domain/provisioning/scim-user';

/**
 * The discovery documents of RFC 7644 §4: what this service provider supports (no ETags, no bulk, no sorting, no
 * password change), its one resource type, and the attributes of User it keeps.
 */
export const maxResults = 200;

const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export function listResponse(resources: unknown[], totalResults = resources.length, startIndex = 1) {
  return { schemas: [listSchema], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/ (docs/scim.md of this service)',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'SCIM token',
        description: 'A SCIM token made under 基本設定 → SCIM プロビジョニング, sent as Authorization: Bearer',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function userResourceType(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'An account of the company (アカウント)',
    schema: coreUserSchema,
    schemaExtensions: [{ schema: enterpriseUserSchema, required: false }],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
  };
}

interface AttributeOptions {
  required?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  uniqueness?: 'none' | 'server' | 'global';
  caseExact?: boolean;
  description: string;
}

function attribute(name: string, type: 'string' | 'boolean', options: AttributeOptions) {
  return {
    name,
    type,
    multiValued: false,
    description: options.description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: 'default',
    uniqueness: options.uniqueness ?? 'none',
  };
}

function complex(name: string, description: string, multiValued: boolean, subAttributes: unknown[]) {
  return {
    name,
    type: 'complex',
    multiValued,
    description,
    required: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    subAttributes,
  };
}

function userSchema(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: coreUserSchema,
    name: 'User',
    description: 'An account (アカウント)',
    attributes: [
      attribute('userName', 'string', {
        required: true,
        uniqueness: 'server',
        description: 'Azure AD id (Azure AD認証), unique in the company without case',
      }),
      {
        ...complex('name', '姓 and 名 (an account keeps the first 10 characters of each)', false, [
          attribute('familyName', 'string', { required: true, description: '姓' }),
          attribute('givenName', 'string', { required: true, description: '名' }),
        ]),
        required: true,
      },
      attribute('displayName', 'string', { mutability: 'readOnly', description: '姓 名' }),
      attribute('active', 'boolean', { required: true, description: 'Not 無効 (true when left out)' }),
      complex('emails', 'メールアドレス1–3: the primary or work address first', true, [
        attribute('value', 'string', { description: 'The address' }),
        attribute('type', 'string', { description: 'work for メールアドレス1' }),
        { ...attribute('primary', 'boolean', { description: 'メールアドレス1' }) },
      ]),
    ],
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${coreUserSchema}` },
  };
}

function enterpriseSchema(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: enterpriseUserSchema,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: [
      attribute('employeeNumber', 'string', {
        description:
          'アカウントコード (login id) with manual numbering, set at creation; kept as sent with automatic numbering',
      }),
      attribute('department', 'string', { description: '所属部門, by code or by a unique name' }),
    ],
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${enterpriseUserSchema}` },
  };
}

export function schemas(baseUrl: string) {
  return [userSchema(baseUrl), enterpriseSchema(baseUrl)];
}
