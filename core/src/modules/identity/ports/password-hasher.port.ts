export const PasswordHasher = Symbol.for('PasswordHasher');

export interface PasswordHasher {
  /** A salted, slow hash of the password. */
  hash(password: string): Promise<string>;
  /** Whether the password matches the hash; false (never a throw) for a malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
}
