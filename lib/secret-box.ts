import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const formatVersion = 'v1';

/**
 * Keeps a secret that must survive a retry (a verification token until its mail is sent, a password
 * until its mail is delivered) encrypted with the service key, bound by AES-GCM's associated data to
 * the record it belongs to, so a ciphertext copied to another row does not decrypt.
 */
export class SecretBox {
  private readonly encryptionKey: Buffer;
  private readonly tokenKey: Buffer;

  constructor(serviceKey: Buffer) {
    if (serviceKey.length !== 32) throw new Error('service key must be 32 bytes');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'secret-box/aes-256-gcm', 32));
    this.tokenKey = Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'token-hash/hmac-sha256', 32));
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [formatVersion, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, associatedData: string): string {
    const [version, iv, ciphertext, tag] = sealed.split('.');
    if (version !== formatVersion || !iv || ciphertext === undefined || !tag) throw new Error('unknown sealed format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash of a random token: a leaked table alone does not let anyone test guesses offline. */
  hashToken(token: string): string {
    return createHmac('sha256', this.tokenKey).update(token, 'utf8').digest('hex');
  }
}

/** 256 random bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}
