import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '@parley/core';

/**
 * RFC 9562 UUIDv7: a millisecond timestamp then randomness, so ids sort by creation time (ties within a
 * millisecond broken by a counter in this process), which keeps id-ordered listings chronological.
 */
export class UuidV7Generator implements IdGenerator {
  private lastMs = 0;
  private sequence = 0;

  next(): string {
    let ms = Date.now();
    if (ms <= this.lastMs) {
      this.sequence += 1;
      if (this.sequence > 0xfff) {
        this.lastMs += 1;
        this.sequence = 0;
      }
      ms = this.lastMs;
    } else {
      this.lastMs = ms;
      this.sequence = 0;
    }
    const bytes = randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (this.sequence >> 8);
    bytes[7] = this.sequence & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  secret(): string {
    return randomBytes(16).toString('base64url');
  }
}
