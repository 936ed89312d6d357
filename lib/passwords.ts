import argon2 from 'argon2';
import { randomInt } from 'node:crypto';

/** OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, t=2, p=1. */
const argon2Options = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, argon2Options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so both answers take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(generatePassword(16));
  return decoyHash;
}

// Printed notices are read and typed by people: leave out characters that look alike (0/O, 1/l/I).
const characterClasses = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789'] as const;
const alphabet = characterClasses.join('');

/** Generated passwords are never shorter than this, whatever the company's minimum. */
export const generatedPasswordFloor = 12;

/** A random password of at least `minLength` characters with an upper-case letter, a lower-case letter and a digit. */
export function generatePassword(minLength: number): string {
  const length = Math.max(minLength, generatedPasswordFloor);
  const characters = characterClasses.map((set) => set[randomInt(set.length)]!);
  while (characters.length < length) characters.push(alphabet[randomInt(alphabet.length)]!);
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
}
