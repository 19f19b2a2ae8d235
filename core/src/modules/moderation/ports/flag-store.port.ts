import type { FeatureFlag, FlagName } from '../domain/flags.js';

export const FlagStore = Symbol.for('FlagStore');

export interface FlagStore {
  /** The stored override, or null when the default applies. */
  get(name: FlagName): Promise<FeatureFlag | null>;
  /** Stores an override (last write wins). */
  set(flag: FeatureFlag): Promise<void>;
  /** Every stored override. */
  list(): Promise<FeatureFlag[]>;
}
