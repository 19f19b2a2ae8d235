import { createHash } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { PasswordHasher } from '@parley/core';

/** bcrypt reads at most 72 bytes of its input and stops at a NUL byte. */
const BCRYPT_MAX_BYTES = 72;

/**
 * bcrypt, with passwords longer than bcrypt's 72 bytes first reduced to a SHA-256 digest (base64, 44
 * bytes, no NUL), so every character of a long passphrase counts instead of being silently cut off.
 * Passwords that fit are hashed as they are, so hashes made before this rule still verify.
 */
export class BcryptPasswordHasher implements PasswordHasher {
  constructor(private readonly rounds = 10) {}

  async hash(password: string): Promise<string> {
    return bcrypt.hash(prepare(password), this.rounds);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    if (!hash.startsWith('$2')) return false;
    try {
      return await bcrypt.compare(prepare(password), hash);
    } catch {
      return false;
    }
  }
}

function prepare(password: string): string {
  if (Buffer.byteLength(password) <= BCRYPT_MAX_BYTES) return password;
  return `sha256:${createHash('sha256').update(password).digest('base64')}`;
}
