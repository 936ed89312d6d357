import { parse, type Filter } from 'scim2-parse-filter';
import { InputError } from '../errors';

/**
 * The filters of GET /Users that identity providers send (RFC 7644 §3.4.2.2): `eq`, joined by `and`, on
 * userName, externalId, active and the work address (`emails[type eq "work"].value`, or any address with
 * `emails.value`). Parsed by scim2-parse-filter; anything else is a 400 `invalidFilter`.
 */
export type UserCondition =
  | { attribute: 'userName' | 'externalId'; value: string }
  | { attribute: 'active'; value: boolean }
  | { attribute: 'email'; value: string; workOnly: boolean };

export const maxFilterLength = 1000;

export function invalidFilter(detail: string): InputError {
  return new InputError('invalidFilter', detail, 'filter');
}

/** Attribute names are case-insensitive (RFC 7643 §2.1); a core schema URN prefix may be written out. */
function attributeOf(path: string): string {
  return path
    .replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '')
    .toLowerCase()
    .trim();
}

function stringValue(filter: { compValue: unknown }, attribute: string): string {
  if (typeof filter.compValue !== 'string') throw invalidFilter(`${attribute} is compared with a string.`);
  return filter.compValue;
}

function isWorkType(filter: Filter): boolean {
  return (
    filter.op.toLowerCase() === 'eq' &&
    'attrPath' in filter &&
    attributeOf(filter.attrPath) === 'type' &&
    'compValue' in filter &&
    String(filter.compValue).toLowerCase() === 'work'
  );
}

function flatten(filter: Filter): Filter[] {
  return filter.op.toLowerCase() === 'and' && 'filters' in filter ? filter.filters.flatMap(flatten) : [filter];
}

export function parseUserFilter(text: string | undefined): UserCondition[] {
  if (text === undefined || text.trim() === '') return [];
  if (text.length > maxFilterLength) throw invalidFilter(`A filter has at most ${maxFilterLength} characters.`);
  let tree: Filter;
  try {
    tree = parse(text);
  } catch {
    throw invalidFilter('The filter cannot be parsed (RFC 7644 §3.4.2.2).');
  }
  const parts = flatten(tree);
  // `emails[type eq "work"].value eq "x"` parses as `emails[type eq "work"] and emails.value eq "x"`.
  const workOnly = parts.some((part) => part.op === '[]' && 'valFilter' in part && isWorkType(part.valFilter));
  const conditions: UserCondition[] = [];
  for (const part of parts) {
    if (part.op === '[]' && 'valFilter' in part && attributeOf(part.attrPath) === 'emails') {
      const inner = flatten(part.valFilter);
      for (const condition of inner) {
        if (isWorkType(condition)) continue;
        if (
          condition.op.toLowerCase() === 'eq' &&
          'attrPath' in condition &&
          attributeOf(condition.attrPath) === 'value'
        ) {
          conditions.push({
            attribute: 'email',
            value: stringValue(condition as { compValue: unknown }, 'emails'),
            workOnly,
          });
        } else {
          throw invalidFilter('Inside emails[…] only type eq "work" and value eq "…" are supported.');
        }
      }
      continue;
    }
    if (part.op.toLowerCase() !== 'eq' || !('attrPath' in part) || !('compValue' in part)) {
      throw invalidFilter('Only eq, joined by and, is supported.');
    }
    const attribute = attributeOf(part.attrPath);
    if (attribute === 'username') conditions.push({ attribute: 'userName', value: stringValue(part, 'userName') });
    else if (attribute === 'externalid') {
      conditions.push({ attribute: 'externalId', value: stringValue(part, 'externalId') });
    } else if (attribute === 'active') {
      const value = typeof part.compValue === 'string' ? part.compValue.toLowerCase() : part.compValue;
      if (value !== true && value !== false && value !== 'true' && value !== 'false') {
        throw invalidFilter('active is compared with true or false.');
      }
      conditions.push({ attribute: 'active', value: value === true || value === 'true' });
    } else if (attribute === 'emails.value' || attribute === 'emails') {
      conditions.push({ attribute: 'email', value: stringValue(part, 'emails'), workOnly });
    } else {
      throw invalidFilter(`Filtering on "${part.attrPath}" is not supported (userName, externalId, emails, active).`);
    }
  }
  return conditions;
}
