import { generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP with the parameters every authenticator app accepts (RFC 6238: HMAC-SHA1, 6 digits, 30-second
 * steps, the otplib defaults), and a secret of 20 random bytes in Base32.
 */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` URI an authenticator app reads from a QR code. */
export function totpUri(secret: string, issuer: string, accountName: string): string {
  return generateURI({ issuer, label: accountName, secret });
}

/**
 * One step before or after (±30 s) is accepted for clock drift, like Keycloak's look-ahead of 1. A code
 * whose time step is not after `afterTimeStep` (the account's last accepted one) is refused, so a code
 * seen over a shoulder or in a log cannot be used a second time while it would still be valid.
 * Answers the time step of the accepted code, to be stored as the new last one; undefined when refused.
 */
const driftSeconds = 30;

export async function acceptedTotpStep(
  secret: string,
  code: string,
  now: Date,
  afterTimeStep: number | null | undefined,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: driftSeconds,
    ...(afterTimeStep == null ? {} : { afterTimeStep }),
  });
  // The answer of a TOTP check carries its time step (the functional API types it with HOTP's too).
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
