import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { AccessClaims, Clock, Logger, PasswordHasher, PlatformRole, TokenIssuer } from '@parley/core';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** scrypt from node:crypto: a real slow hash, so the embedded default is safe too (production uses bcrypt). */
export class ScryptPasswordHasher implements PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, 32);
    return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(password: string, hash: string): Promise<boolean> {
    const [scheme, salt, key] = hash.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

/** HMAC-signed access tokens (`payload.signature`): the in-process reference for the JWT adapter. */
export class HmacTokenIssuer implements TokenIssuer {
  readonly refreshTtlSeconds: number;

  constructor(
    private readonly secret: string = randomBytes(32).toString('hex'),
    private readonly clock: Clock = new SystemClock(),
    private readonly accessTtlSeconds = 900,
    refreshTtlSeconds = 30 * 24 * 3600,
  ) {
    this.refreshTtlSeconds = refreshTtlSeconds;
  }

  async issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + this.accessTtlSeconds;
    const body = Buffer.from(
      JSON.stringify({ sub: claims.userId, role: claims.role, sid: claims.sessionId, exp }),
    ).toString('base64url');
    return { token: `${body}.${this.mac(body)}`, expiresIn: this.accessTtlSeconds };
  }

  async verifyAccessToken(token: string): Promise<(AccessClaims & { expiresAt: Date }) | null> {
    const [body, mac] = token.split('.');
    if (!body || !mac || token.split('.').length !== 2) return null;
    const expected = Buffer.from(this.mac(body));
    if (expected.length !== Buffer.from(mac).length || !timingSafeEqual(expected, Buffer.from(mac))) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        sub: string;
        role: PlatformRole;
        sid: string;
        exp: number;
      };
      if (claims.exp * 1000 <= this.clock.now().getTime()) return null;
      return { userId: claims.sub, role: claims.role, sessionId: claims.sid, expiresAt: new Date(claims.exp * 1000) };
    } catch {
      return null;
    }
  }

  newRefreshSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  hashRefreshSecret(secret: string): string {
    return createHash('sha256').update(secret).digest('base64url');
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** JSON lines on stderr, or nothing (tests). */
export class ConsoleLogger implements Logger {
  constructor(private readonly level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'info') {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    const order = ['debug', 'info', 'warn', 'error', 'silent'];
    if (order.indexOf(level) < order.indexOf(this.level)) return;
    process.stderr.write(`${JSON.stringify({ level, message, time: new Date().toISOString(), ...fields })}\n`);
  }
}
