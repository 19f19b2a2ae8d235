import { isFlagName, type FeatureFlag } from '../domain/flags.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { isFlagEnabled, requireStaff } from '../policies/guards.js';

/** An admin turns a feature on or off for everyone. */
export class SetFlag {
  constructor(private readonly deps: Pick<Ports, 'users' | 'flags' | 'audit' | 'ids' | 'clock'>) {}

  async execute(input: { actorId: string; name: string; enabled: boolean }): Promise<Result<FeatureFlag, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId, 'admin');
    if (!staff.ok) return staff;
    if (!isFlagName(input.name)) return err(notFound('flag'));
    const before = await isFlagEnabled(this.deps.flags, input.name);
    const flag: FeatureFlag = {
      name: input.name,
      enabled: input.enabled,
      updatedBy: input.actorId,
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.flags.set(flag);
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'flag.changed',
      targetType: 'flag',
      targetId: input.name,
      data: { from: before, to: input.enabled },
    });
    return ok(flag);
  }
}
