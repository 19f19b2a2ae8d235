/** Feature flags the use cases consult; the store overrides these defaults. */
export const FLAG_DEFAULTS = {
  reactions: true,
  channels: true,
  search: true,
  'media.uploads': true,
  forwarding: true,
} as const;

export type FlagName = keyof typeof FLAG_DEFAULTS;
export const FLAG_NAMES = Object.keys(FLAG_DEFAULTS) as FlagName[];
export const isFlagName = (name: string): name is FlagName => name in FLAG_DEFAULTS;

export interface FeatureFlag {
  name: FlagName;
  enabled: boolean;
  updatedBy: string | null;
  updatedAt: Date | null;
}
