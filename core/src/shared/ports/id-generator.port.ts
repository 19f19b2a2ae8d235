export const IdGenerator = Symbol.for('IdGenerator');

export interface IdGenerator {
  /** A new globally unique id, safe in URLs. */
  next(): string;
  /** A new unguessable token (at least 128 random bits), safe in URLs: invite codes. */
  secret(): string;
}
