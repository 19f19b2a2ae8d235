export const IdGenerator = Symbol.for('IdGenerator');

export interface IdGenerator {
  /** A new globally unique id, safe in URLs. */
  next(): string;
}
