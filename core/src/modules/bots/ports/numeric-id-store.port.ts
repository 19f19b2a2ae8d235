export const NumericIdStore = Symbol.for('NumericIdStore');

/**
 * Integers for Parley's ids, as the Bot API wants them (users and chats are numbers there): each id gets one
 * number for good, below 2^40, and the number leads back to the id.
 */
export interface NumericIdStore {
  /** The id's number, given now if it has none (two callers racing for one id get the same number). */
  numberFor(id: string): Promise<number>;
  /** The id a number was given to, or null. */
  idFor(number: number): Promise<string | null>;
}

/** The `attempt`-th candidate number for an id: FNV-1a (64-bit) folded to 40 bits, never 0. */
export function candidateNumber(id: string, attempt: number): number {
  let hash = 0xcbf29ce484222325n;
  for (const char of `${id}#${attempt}`) {
    hash ^= BigInt(char.codePointAt(0)!);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return Number((hash ^ (hash >> 40n)) & 0xffffffffffn) || 1;
}
