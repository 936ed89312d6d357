import { isLockedForGood, isLockedOut } from '../../domain/access/lockout';

/** Which lock refuses a login now, and which one ends sessions (domain/access/lockout.ts). */
describe('lockout states', () => {
  const now = new Date('2026-12-15T12:00:00Z');
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it.each([
    ['never locked', { lockedAt: undefined, lockedUntil: undefined }, false, false],
    ['locked for good (an employee)', { lockedAt: at(-3600), lockedUntil: undefined }, true, true],
    ['within a temporary lock', { lockedAt: at(-10), lockedUntil: at(50) }, true, false],
    ['at the end of a temporary lock', { lockedAt: at(-60), lockedUntil: at(0) }, false, false],
    ['after a temporary lock', { lockedAt: at(-120), lockedUntil: at(-60) }, false, false],
  ])('%s: refused at login %s, for good %s', (_state, account, refused, forGood) => {
    expect(isLockedOut(account, now)).toBe(refused);
    expect(isLockedForGood(account)).toBe(forGood);
  });
});
