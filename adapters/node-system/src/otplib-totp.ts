import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { TotpAuthenticator } from '@parley/core';

/** Letters and digits that cannot be mistaken for one another when typed from paper. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** TOTP on otplib (RFC 6238: SHA-1, 6 digits, 30 s steps), as Google Authenticator and the others expect. */
export class OtplibTotp implements TotpAuthenticator {
  constructor(private readonly issuer = 'Parley') {}

  newSecret(): string {
    return generateSecret({ length: 20 });
  }

  uri(secret: string, account: string): string {
    return generateURI({ issuer: this.issuer, label: account, secret });
  }

  async check(secret: string, code: string, at: Date): Promise<number | null> {
    const result = await verify({ secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: 30 });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  }

  newRecoveryCode(): string {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
  }
}
