import { z } from 'zod';

/** アカウントコード as it appears in a path: the characters the seed allows for manual numbering. */
export const accountCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(10)
    .regex(/^[A-Za-z0-9!#$&()+,\-.:;<=>?@[\]_`{|}]+$/, 'alphanumerics and !#$&()+,-.:;<=>?@[]_`{|} only')
    .meta({ example: 'E0001' }),
});

/** One address slot: 半角, at most 100 characters. */
export const emailAddress = z.email().max(100);

/** Passwords are 半角 (printable ASCII), case-sensitive; the company sets the minimum length. */
export const passwordText = z
  .string()
  .max(64)
  .regex(/^[\x21-\x7e]*$/, 'half-width printable characters only (no spaces)');

/**
 * Characters no text of this service may hold: control characters (NUL and the rest of Unicode's Cc,
 * which PostgreSQL refuses or which break CSV files and mails) and the bidirectional overrides and
 * isolates that make a name display differently from what it is (U+202A–U+202E, U+2066–U+2069).
 */
const forbiddenCharacters = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export function hasForbiddenCharacters(text: string): boolean {
  return forbiddenCharacters.test(text);
}

export const forbiddenCharactersMessage = 'control characters and bidirectional overrides are not allowed';

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
 * The one schema of free text (names, notes, titles): trimmed, not empty or whitespace only, at most
 * `max` characters, and none of the forbidden characters.
 */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty or whitespace only')
    .max(max)
    .refine((text) => !hasForbiddenCharacters(text), forbiddenCharactersMessage);
}
