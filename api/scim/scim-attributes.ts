import { enterpriseUserSchema } from '../../domain/provisioning/scim-user';
import { InputError } from '../../domain/errors';

/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): a resource with only the attributes asked for,
 * or without those excluded; `id` and `schemas` are always returned.
 */
type Resource = Record<string, unknown>;

const always = new Set(['id', 'schemas']);
const enterprisePrefix = `${enterpriseUserSchema.toLowerCase()}:`;

/** `a, b.c` → [['a'], ['b', 'c']]; an extension attribute keeps its URN as the first step. */
function pathsOf(list: unknown, field: string): string[][] | undefined {
  if (list === undefined) return undefined;
  const text = Array.isArray(list) ? list.join(',') : list;
  if (typeof text !== 'string' || text.length > 1000)
    throw new InputError('invalidValue', `${field} is a list.`, field);
  return text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      if (entry.startsWith(enterprisePrefix))
        return [enterpriseUserSchema.toLowerCase(), entry.slice(enterprisePrefix.length)];
      return entry
        .replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, '')
        .split('.')
        .slice(0, 2);
    });
}

function keyOf(object: Resource, lower: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

function pick(resource: Resource, paths: string[][]): Resource {
  const result: Resource = {};
  for (const key of Object.keys(resource)) if (always.has(key)) result[key] = resource[key];
  for (const [top, sub] of paths) {
    const key = keyOf(resource, top!);
    if (key === undefined) continue;
    const value = resource[key];
    if (sub === undefined || value === null || typeof value !== 'object') {
      result[key] = value;
    } else if (Array.isArray(value)) {
      result[key] = value.map((item: Resource) => {
        const inner = keyOf(item, sub);
        return inner === undefined ? {} : { [inner]: item[inner] };
      });
    } else {
      const inner = keyOf(value as Resource, sub);
      if (inner !== undefined)
        result[key] = { ...((result[key] as Resource) ?? {}), [inner]: (value as Resource)[inner] };
    }
  }
  return result;
}

function omit(resource: Resource, paths: string[][]): Resource {
  const result: Resource = structuredClone(resource);
  for (const [top, sub] of paths) {
    const key = keyOf(result, top!);
    if (key === undefined || always.has(key)) continue;
    const value = result[key];
    if (sub === undefined) delete result[key];
    else if (Array.isArray(value)) value.forEach((item: Resource) => delete item[keyOf(item, sub) ?? '']);
    else if (value && typeof value === 'object') delete (value as Resource)[keyOf(value as Resource, sub) ?? ''];
  }
  return result;
}

export interface Projection {
  attributes?: string[][];
  excludedAttributes?: string[][];
}

export function projectionOf(source: { attributes?: unknown; excludedAttributes?: unknown }): Projection {
  return {
    attributes: pathsOf(source.attributes, 'attributes'),
    excludedAttributes: pathsOf(source.excludedAttributes, 'excludedAttributes'),
  };
}

export function project(resource: Resource, projection: Projection): Resource {
  if (projection.attributes?.length) return pick(resource, projection.attributes);
  if (projection.excludedAttributes?.length) return omit(resource, projection.excludedAttributes);
  return resource;
}
