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
