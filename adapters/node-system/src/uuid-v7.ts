import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';
import type { IdGenerator } from '@parley/core';

/**
 * RFC 9562 UUIDv7 from the `uuid` package: a millisecond timestamp, then a counter and randomness, so ids
 * made in this process sort in creation order, which keeps id-ordered listings chronological.
 */
export class UuidV7Generator implements IdGenerator {
  next(): string {
    return v7();
  }

  secret(): string {
    return randomBytes(16).toString('base64url');
  }
}
