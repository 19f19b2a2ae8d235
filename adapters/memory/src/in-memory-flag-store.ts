import type { FeatureFlag, FlagName, FlagStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryFlagStore implements FlagStore {
  private readonly flags = new Map<FlagName, FeatureFlag>();

  async get(name: FlagName): Promise<FeatureFlag | null> {
    const flag = this.flags.get(name);
    return flag ? clone(flag) : null;
  }

  async set(flag: FeatureFlag): Promise<void> {
    this.flags.set(flag.name, clone(flag));
  }

  async list(): Promise<FeatureFlag[]> {
    return [...this.flags.values()].map(clone);
  }
}
