import { toPrivateUser, type PrivateUser } from '../../identity/index.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';

/** A moderator looks at a user's account as stored (ban state, role, email), never the password hash. */
export class GetUserForModeration {
  constructor(private readonly deps: Pick<Ports, 'users'>) {}

  async execute(input: { actorId: string; userId: string }): Promise<Result<PrivateUser, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const user = await this.deps.users.findById(input.userId);
    return user ? ok(toPrivateUser(user)) : err(notFound('user'));
  }
}
