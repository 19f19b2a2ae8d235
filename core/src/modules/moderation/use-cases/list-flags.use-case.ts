import { FLAG_DEFAULTS, FLAG_NAMES, type FeatureFlag } from '../domain/flags.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';

/** Every feature flag with its effective value (stored override, else the default). Readable by anyone signed in. */
export class ListFlags {
  constructor(private readonly deps: Pick<Ports, 'flags'>) {}

  async execute(): Promise<Result<(FeatureFlag & { default: boolean })[], DomainError>> {
    const stored = await this.deps.flags.list();
    return ok(
      FLAG_NAMES.map((name) => {
        const override = stored.find((f) => f.name === name);
        return {
          name,
          enabled: override?.enabled ?? FLAG_DEFAULTS[name],
          default: FLAG_DEFAULTS[name],
          updatedBy: override?.updatedBy ?? null,
          updatedAt: override?.updatedAt ?? null,
        };
      }),
    );
  }
}
