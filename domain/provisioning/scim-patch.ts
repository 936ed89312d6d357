import { parse, type Filter } from 'scim2-parse-filter';
import { z } from 'zod';
import { InputError } from '../errors';
import {
  booleanOf,
  emailsOf,
  enterpriseUserSchema,
  invalidValue,
  lowerKeys,
  textOf,
  type ScimEmail,
  type ScimUserModel,
} from './scim-user';

/**
 * PATCH of a User (RFC 7644 §3.5.2) applied to the model, accepting what Entra ID and Okta send: capitalised
 * ops ("Replace", "Add"), "True"/"False" strings, an op without path whose value is an object of attributes,
 * `emails[type eq "work"].value` paths, and `add` on a single-valued attribute as a replace.
 */
export const patchRequest = z.looseObject({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z.string(),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type PatchRequest = z.infer<typeof patchRequest>;

const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function invalidPath(detail: string): InputError {
  return new InputError('invalidPath', detail, 'path');
}

const enterprisePrefix = `${enterpriseUserSchema.toLowerCase()}:`;
const corePrefix = 'urn:ietf:params:scim:schemas:core:2.0:user:';

type Op = 'add' | 'replace' | 'remove';

/** The single-valued strings of the model by their lower-case path, with the name an error gives them. */
const textAttributes: Record<
  string,
  { attribute: 'externalId' | 'familyName' | 'givenName' | 'employeeNumber' | 'department'; field: string }
> = {
  externalid: { attribute: 'externalId', field: 'externalId' },
  'name.familyname': { attribute: 'familyName', field: 'name.familyName' },
  'name.givenname': { attribute: 'givenName', field: 'name.givenName' },
  [`${enterprisePrefix}employeenumber`]: { attribute: 'employeeNumber', field: 'employeeNumber' },
  [`${enterprisePrefix}department`]: { attribute: 'department', field: 'department' },
};

/** `emails[type eq "work"].value` → the type asked for; undefined for a path that is not an emails filter. */
function emailFilterType(path: string): { type: string | undefined; sub: string | undefined } | undefined {
  const match = /^emails\[(.*)\](?:\.([a-z]+))?$/i.exec(path);
  if (!match) return undefined;
  let filter: Filter;
  try {
    filter = parse(match[1]!);
  } catch {
    throw invalidPath(`The filter of "${path}" cannot be parsed.`);
  }
  if (filter.op.toLowerCase() !== 'eq' || !('attrPath' in filter) || !('compValue' in filter)) {
    throw invalidPath('Only emails[type eq "…"] is supported in a path.');
  }
  if (filter.attrPath.toLowerCase() !== 'type' && filter.attrPath.toLowerCase() !== 'value') {
    throw invalidPath('Only emails[type eq "…"] is supported in a path.');
  }
  return filter.attrPath.toLowerCase() === 'type'
    ? { type: String(filter.compValue).toLowerCase(), sub: match[2]?.toLowerCase() }
    : { type: undefined, sub: match[2]?.toLowerCase() };
}

function setEmailOfType(model: ScimUserModel, type: string, op: Op, value: unknown): void {
  const index = model.emails.findIndex((entry) => (entry.type ?? '').toLowerCase() === type);
  if (op === 'remove') {
    if (index >= 0) model.emails.splice(index, 1);
    return;
  }
  const address = textOf(value, 'emails.value');
  if (!address) throw invalidValue('An address is a non-empty string.', 'emails');
  const entry: ScimEmail = { value: address, type, ...(type === 'work' ? { primary: true } : {}) };
  if (index >= 0) model.emails[index] = { ...model.emails[index], value: address };
  else model.emails.push(entry);
}

function applyPath(model: ScimUserModel, op: Op, rawPath: string, value: unknown): void {
  let path = rawPath.trim().toLowerCase();
  if (path.startsWith(corePrefix)) path = path.slice(corePrefix.length);
  const emailFilter = emailFilterType(path);
  if (emailFilter) {
    if (emailFilter.sub !== undefined && emailFilter.sub !== 'value') return;
    if (emailFilter.type === undefined) {
      throw invalidPath('Give the address by its type: emails[type eq "work"].value.');
    }
    const address =
      emailFilter.sub === undefined && value && typeof value === 'object' ? (value as ScimEmail).value : value;
    setEmailOfType(model, emailFilter.type, op, address);
    return;
  }
  const removing = op === 'remove';
  const text = textAttributes[path];
  if (text) {
    model[text.attribute] = removing ? null : textOf(value, text.field);
    return;
  }
  switch (path) {
    case 'username':
      if (removing) throw new InputError('mutability', 'userName is required.', 'userName');
      model.userName = textOf(value, 'userName');
      return;
    case 'active':
      model.active = removing ? true : booleanOf(value, 'active');
      return;
    case 'name':
      if (removing) {
        model.familyName = null;
        model.givenName = null;
      } else applyObject(model, op, { name: value });
      return;
    case 'emails': {
      const emails = removing ? [] : emailsOf(Array.isArray(value) ? value : [value]);
      // `add` to a multi-valued attribute adds (RFC 7644 §3.5.2.1); `replace` and `remove` replace the whole list.
      model.emails = op === 'add' ? [...model.emails, ...emails] : emails;
      return;
    }
    case enterpriseUserSchema.toLowerCase():
      if (removing) {
        model.employeeNumber = null;
        model.department = null;
      } else applyObject(model, op, { [enterpriseUserSchema]: value });
      return;
    default:
      if (!/^[a-z0-9:._$-]+(\[[^\]]*\])?(\.[a-z0-9$_-]+)?$/i.test(path))
        throw invalidPath(`"${rawPath}" is not a path.`);
    // Attributes the service does not keep (title, phoneNumbers, manager…) are accepted and not stored.
  }
}

function objectValue(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalidValue(`${field} takes an object.`, field);
  return value as Record<string, unknown>;
}

/**
 * An op without path: each attribute of the value object is set as if it were the path (Entra writes
 * `{"name.givenName": "…"}`, Okta `{"active": false}`), nested objects (`name`, the extension) attribute by attribute.
 */
function applyObject(model: ScimUserModel, op: Op, value: Record<string, unknown>): void {
  for (const [key, entry] of Object.entries(lowerKeys(value))) {
    if (key === 'name' || key === enterpriseUserSchema.toLowerCase()) {
      const prefix = key === 'name' ? 'name.' : enterprisePrefix;
      for (const [inner, innerValue] of Object.entries(objectValue(entry, key))) {
        if (inner.toLowerCase() !== 'schemas') applyPath(model, op, `${prefix}${inner}`, innerValue);
      }
    } else if (key !== 'schemas' && key !== 'id' && key !== 'meta') {
      applyPath(model, op, key, entry);
    }
  }
}

export function applyPatch(model: ScimUserModel, request: PatchRequest): ScimUserModel {
  if (request.schemas && !request.schemas.includes(patchOpSchema)) {
    throw new InputError('invalidSyntax', `A PATCH request has the schema ${patchOpSchema}.`, 'schemas');
  }
  const next: ScimUserModel = { ...model, emails: model.emails.map((entry) => ({ ...entry })) };
  for (const operation of request.Operations) {
    const op = operation.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new InputError('invalidSyntax', `Unknown PATCH op "${operation.op}".`, 'op');
    }
    if (operation.path !== undefined) applyPath(next, op, operation.path, operation.value);
    else if (op === 'remove') throw new InputError('noTarget', 'A remove op needs a path.', 'path');
    else applyObject(next, op, objectValue(operation.value, 'value'));
  }
  return next;
}
