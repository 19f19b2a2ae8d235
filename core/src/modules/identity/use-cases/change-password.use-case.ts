import { validatePassword } from '../domain/user.js';
import { forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';

/**
 * A new password, given the current one. Every other session of the account ends (their access tokens
 * and sockets too, on every node); the session that changed it stays signed in. Audited.
 */
export class ChangePassword {
  constructor(private readonly deps: Pick<Ports, 'users' | 'hasher' | 'sessions' | 'audit' | 'ids' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: unknown;
  }): Promise<Result<void, DomainError>> {
    const issues = new Issues();
    const password = validatePassword(issues, input.newPassword);
    if (!issues.empty || password === undefined)
      return err(invalid(issues.list.map((i) => ({ ...i, field: 'newPassword' }))));
    const user = await this.deps.users.findById(input.actorId);
    if (!user || user.erasedAt) return err(notFound('user'));
    if (!(await this.deps.hasher.verify(input.currentPassword, user.passwordHash)))
      return err(forbidden('wrong_password', 'the current password is not correct'));
    const now = this.deps.clock.now();
    await this.deps.users.update(user.id, { passwordHash: await this.deps.hasher.hash(password), updatedAt: now });
    await this.deps.sessions.revokeAllForUser(user.id, now, input.sessionId);
    await audit(this.deps, {
      actorId: user.id,
      action: 'user.password_changed',
      targetType: 'user',
      targetId: user.id,
    });
    return ok(undefined);
  }
}
