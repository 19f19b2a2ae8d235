import { toPrivateUser, type PlatformRole, type PrivateUser } from '../../identity/index.js';
import { forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';

const ROLES: readonly PlatformRole[] = ['user', 'moderator', 'admin'];

/** An admin sets a user's platform role. */
export class SetUserRole {
  constructor(private readonly deps: Pick<Ports, 'users' | 'audit' | 'ids' | 'clock'>) {}

  async execute(input: { actorId: string; userId: string; role?: unknown }): Promise<Result<PrivateUser, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId, 'admin');
    if (!staff.ok) return staff;
    if (!ROLES.includes(input.role as PlatformRole)) return err(invalid('role', 'must be user, moderator or admin'));
    if (input.userId === input.actorId)
      return err(forbidden('cannot_change_own_role', 'you cannot change your own role'));
    const target = await this.deps.users.findById(input.userId);
    if (!target || target.erasedAt) return err(notFound('user'));
    const updated = await this.deps.users.update(target.id, {
      role: input.role as PlatformRole,
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) return err(notFound('user'));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'user.role_changed',
      targetType: 'user',
      targetId: target.id,
      data: { from: target.role, to: input.role },
    });
    return ok(toPrivateUser(updated));
  }
}
