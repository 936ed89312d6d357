import { z } from 'zod';
import { isVisiblyEmpty, visibleTextRule } from './visible-text';

/** アカウントコード as it appears in a path: the characters the seed allows for manual numbering. */
export const accountCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(10)
    // eslint-disable-next-line no-useless-escape -- `\[`: Python's re warns of a nested set (OpenAPI clients)
    .regex(/^[A-Za-z0-9!#$&()+,\-.:;<=>?@\[\]_`{|}]+$/, 'alphanumerics and !#$&()+,-.:;<=>?@[]_`{|} only')
    .meta({ example: 'E0001' }),
});

/**
 * A new アカウントコード (registration, CSV import): the path's characters, but not = + - @ first, which a
 * spreadsheet takes for a formula (OWASP CSV injection; codes that start so from before are written behind a
 * quote in every CSV file). The refusal comes first so that its code (FORMULA_START) is the answer's.
 */
export const newAccountCode = z
  .string()
  .min(1)
  .max(10)
  .refine((code) => !/^[=+\-@]/.test(code), {
    message: 'must not start with = + - @ (a spreadsheet formula)',
    params: { code: 'FORMULA_START' },
  })
  .regex(
    // eslint-disable-next-line no-useless-escape -- `\[`: Python's re warns of a nested set (OpenAPI clients)
    /^[A-Za-z0-9!#$&(),.:;<>?\[\]_`{|}][A-Za-z0-9!#$&()+,\-.:;<=>?@\[\]_`{|}]*$/,
    'alphanumerics and !#$&()+,-.:;<=>?@[]_`{|} only, not = + - @ first',
  )
  .meta({ example: 'E0001' });

/** One address slot: 半角, at most 100 characters. */
export const emailAddress = z.email().max(100);

/** Passwords are 半角 (printable ASCII), case-sensitive; the company sets the minimum length. */
export const passwordText = z
  .string()
  .max(64)
  .regex(/^[\x21-\x7e]*$/, 'half-width printable characters only (no spaces)');

/**
 * Characters no text of this service may hold: control characters (NUL and the rest of Unicode's Cc, U+0000–U+001F
 * and U+007F–U+009F, which PostgreSQL refuses or which break CSV files and mails), the bidirectional overrides and
 * isolates that make a name display differently from what it is (U+202A–U+202E, U+2066–U+2069), and lone
 * surrogates, which PostgreSQL would store as U+FFFD (with the `u` flag a range of surrogates matches only a
 * surrogate without its pair).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbiddenCharacters = /[\x00-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/**
 * The same rule as a pattern of the OpenAPI document, written as an explicit class (no `\p{…}`, no flags) so that
 * JSON Schema validators and generators of every language read it alike. Lone surrogates cannot be said portably
 * there (a UTF-16 engine without the `u` flag would also refuse pairs); JSON text in UTF-8 cannot carry them anyway.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const allowedTextPattern = /^[^\x00-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$/;

export function hasForbiddenCharacters(text: string): boolean {
  return forbiddenCharacters.test(text);
}

export const forbiddenCharactersMessage =
  'control characters, bidirectional overrides and lone surrogates are not allowed';

/**
 * Where in a parsed input a string (or an object key) holds a forbidden character, as a dotted path, or
 * undefined. Depth first in document order, with a stack of its own rather than recursion, so no nesting
 * can overflow the call stack (the JSON parser bounds the depth before this runs: api/json-body.ts).
 */
export function findForbiddenText(value: unknown): string | undefined {
  // Each step knows its key and the step that holds it; the path is spelled out only for the one found.
  interface Step {
    value: unknown;
    key?: string;
    parent?: Step;
  }
  const pathOf = (step: Step): string => {
    const keys: string[] = [];
    for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.') || 'value';
  };
  const pending: Step[] = [{ value }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    const item = step.value;
    if (typeof item === 'string') {
      if (hasForbiddenCharacters(item)) return pathOf(step);
    } else if (item && typeof item === 'object') {
      const entries = Array.isArray(item) ? [...item.entries()] : Object.entries(item);
      // Pushed last to first so the first entry is popped first; an object's key is checked before its value.
      for (const [key, child] of entries.reverse()) {
        pending.push({ value: child, key: String(key), parent: step });
        if (!Array.isArray(item)) pending.push({ value: key, key: 'key', parent: step });
      }
    }
  }
  return undefined;
}

/**
 * The one schema of free text (names, notes, titles): trimmed, not empty, whitespace or otherwise invisible only
 * (domain/visible-text.ts), at most `max` characters, and none of the forbidden characters.
 */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty or whitespace only')
    .max(max)
    .regex(allowedTextPattern, forbiddenCharactersMessage)
    .refine((text) => !isVisiblyEmpty(text), visibleTextRule);
}

/** The error code of a schema's refusal: a rule's own (e.g. INVISIBLE_TEXT, FORMULA_START), else VALIDATION_FAILED. */
export function issueErrorCode(issue: z.core.$ZodIssue): string {
  const code = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === 'string' ? code : 'VALIDATION_FAILED';
}
