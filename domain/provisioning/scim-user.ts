import { z } from 'zod';
import { InputError } from '../errors';

/**
 * A SCIM User (RFC 7643 §4.1 with the enterprise extension) as far as the service keeps it. Requests are read
 * into this model and written back from it; attributes the service does not keep are ignored, as identity
 * providers send many (title, phoneNumbers, addresses…) that an application may not store.
 */
export const coreUserSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUserSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimEmail {
  value: string;
  type?: string;
  primary?: boolean;
}

export interface ScimUserModel {
  userName: string | null;
  externalId: string | null;
  active: boolean;
  familyName: string | null;
  givenName: string | null;
  emails: ScimEmail[];
  employeeNumber: string | null;
  department: string | null;
}

export function invalidValue(detail: string, field?: string): InputError {
  return new InputError('invalidValue', detail, field);
}

/** Entra ID sends booleans as the strings "True" and "False". */
export function booleanOf(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue(`${field} is true or false.`, field);
}

/** A string attribute, or null when it is absent or null. */
export function textOf(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidValue(`${field} is a string.`, field);
  return value;
}

const email = z.looseObject({
  value: z.string(),
  type: z.string().optional(),
  primary: z.union([z.boolean(), z.string()]).optional(),
});

export function emailsOf(value: unknown): ScimEmail[] {
  if (value === undefined || value === null) return [];
  const parsed = z.array(email).max(20).safeParse(value);
  if (!parsed.success) throw invalidValue('emails is a list of {value, type, primary}.', 'emails');
  return parsed.data.map((entry) => ({
    value: entry.value,
    ...(entry.type !== undefined ? { type: entry.type } : {}),
    ...(entry.primary !== undefined ? { primary: booleanOf(entry.primary, 'emails.primary') } : {}),
  }));
}

function objectOf(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidValue(`${field} is an object.`, field);
  return value as Record<string, unknown>;
}

/** The attributes of a request body by lower-case name (SCIM attribute names are case-insensitive). */
export function lowerKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key.toLowerCase(), entry]));
}

/** A whole User of a POST or PUT. */
export function userModelOf(body: unknown): ScimUserModel {
  const user = lowerKeys(objectOf(body, 'body'));
  const name = lowerKeys(objectOf(user.name, 'name'));
  const enterprise = lowerKeys(objectOf(user[enterpriseUserSchema.toLowerCase()], enterpriseUserSchema));
  const userName = textOf(user.username, 'userName');
  if (!userName) throw invalidValue('userName is required.', 'userName');
  return {
    userName,
    externalId: textOf(user.externalid, 'externalId'),
    active: user.active === undefined || user.active === null ? true : booleanOf(user.active, 'active'),
    familyName: textOf(name.familyname, 'name.familyName'),
    givenName: textOf(name.givenname, 'name.givenName'),
    emails: emailsOf(user.emails),
    employeeNumber: textOf(enterprise.employeenumber, 'employeeNumber'),
    department: textOf(enterprise.department, 'department'),
  };
}

/** メールアドレス1–3: the primary address first, then work addresses, then the others, each once. */
export function emailSlotsOf(emails: readonly ScimEmail[]): string[] {
  const rank = (entry: ScimEmail) => (entry.primary ? 0 : entry.type?.toLowerCase() === 'work' ? 1 : 2);
  const ordered = [...emails].sort((a, b) => rank(a) - rank(b));
  const slots: string[] = [];
  for (const entry of ordered) {
    if (!slots.some((slot) => slot.toLowerCase() === entry.value.toLowerCase())) slots.push(entry.value);
  }
  return slots.slice(0, 3);
}
