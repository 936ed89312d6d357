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

/** Where in a parsed input a string holds a forbidden character (dotted path), or undefined. */
export function findForbiddenText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return hasForbiddenCharacters(value) ? path.join('.') || 'value' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenText(item, [...path, String(index)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasForbiddenCharacters(key)) return [...path, 'key'].join('.');
      const found = findForbiddenText(item, [...path, key]);
      if (found !== undefined) return found;
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
