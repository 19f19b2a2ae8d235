import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { depart, type DepartDeps } from '../../conversations/index.js';
import { authorizeAccountAccess, type AccountAccess } from '../policies/guards.js';

/**
 * GDPR erasure: the profile is wiped (email, username, name, bio, avatar, password), every session is
 * revoked and the user leaves every conversation. Their messages stay in place for the other members but
 * point at the anonymous "Deleted account"; uploads never attached to a message are deleted, and messages
 * they scheduled are emptied and cancelled. The holder (with their password) or an admin; audited either way.
 */
export class EraseUser {
  constructor(
    private readonly deps: DepartDeps &
      Pick<Ports, 'users' | 'sessions' | 'media' | 'blobs' | 'scheduled' | 'audit' | 'ids' | 'hasher'>,
  ) {}

  async execute(input: AccountAccess): Promise<Result<void, DomainError>> {
    const allowed = await authorizeAccountAccess(this.deps, input);
    if (!allowed.ok) return allowed;
    const user = await this.deps.users.findById(input.userId);
    if (!user || user.erasedAt) return err(notFound('user'));
    const now = this.deps.clock.now();
    const anonymous = `deleted_${user.id
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 20)
      .toLowerCase()}`;
    await this.deps.users.update(user.id, {
      email: `${anonymous}@erased.invalid`,
      username: anonymous,
      displayName: 'Deleted account',
      bio: '',
      avatarMediaId: null,
      passwordHash: '',
      erasedAt: now,
      updatedAt: now,
    });
    await this.deps.sessions.revokeAllForUser(user.id, now);
    for (const row of await this.deps.participants.listByUser(user.id, { state: 'active' })) {
      const conversation = await this.deps.conversations.findById(row.conversationId);
      for (const waiting of await this.deps.scheduled.listScheduled(user.id, row.conversationId)) {
        await this.deps.scheduled.reschedule(waiting.id, { content: null, updatedAt: now });
        await this.deps.scheduled.settle(waiting.id, 'cancelled', now);
      }
      if (conversation && !conversation.deletedAt) await depart(this.deps, conversation, row, input.actorId, 'erased');
    }
    for (const media of await this.deps.media.listByOwner(user.id)) {
      if (media.sharedIn.length > 0) continue;
      await this.deps.blobs.delete(media.storageKey);
      await this.deps.media.delete(media.id);
    }
    await audit(this.deps, { actorId: input.actorId, action: 'user.erased', targetType: 'user', targetId: user.id });
    return ok(undefined);
  }
}
