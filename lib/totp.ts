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
 * One step before or after (±30 s) is accepted for clock drift, like Keycloak's look-ahead of 1.
 * A code can be replayed while it is valid (about 90 s): refusing that needs the last used time step
 * per account (otplib's `afterTimeStep`), which the schema does not hold yet.
 */
const driftSeconds = 30;

export async function isValidTotp(secret: string, code: string, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: driftSeconds,
  });
  return result.valid;
}
