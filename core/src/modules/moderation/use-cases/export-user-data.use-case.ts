import type { Media } from '../../media/index.js';
import { toExportedMessage, type ExportedMessage } from '../../messaging/index.js';
import type { Report } from '../domain/moderation.js';
import type { Participant } from '../../conversations/index.js';
import type { Reaction } from '../../messaging/index.js';
import type { ScheduledMessage } from '../../messaging/index.js';
import { toPrivateUser, type PrivateUser } from '../../identity/index.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { authorizeAccountAccess, type AccountAccess } from '../policies/guards.js';

export interface UserExport {
  exportedAt: Date;
  user: PrivateUser;
  memberships: Participant[];
  /** Every message, or none when asked for `messages: 'none'` (then page them with ExportUserMessages). */
  messages: ExportedMessage[];
  messageCount: number;
  reactions: Reaction[];
  media: Omit<Media, 'storageKey'>[];
  reports: Report[];
  /** Messages they scheduled that are still waiting. */
  scheduledMessages: ScheduledMessage[];
}

/** GDPR access: everything the user owns. The holder (with their password) or an admin; audited either way. */
export class ExportUserData {
  constructor(
    private readonly deps: Pick<
      Ports,
      | 'users'
      | 'participants'
      | 'messages'
      | 'reactions'
      | 'media'
      | 'reports'
      | 'scheduled'
      | 'audit'
      | 'ids'
      | 'clock'
      | 'hasher'
    >,
  ) {}

  async execute(
    input: AccountAccess & { messages?: 'all' | 'none'; onProgress?: (messagesSoFar: number) => void },
  ): Promise<Result<UserExport, DomainError>> {
    const allowed = await authorizeAccountAccess(this.deps, input);
    if (!allowed.ok) return allowed;
    const user = await this.deps.users.findById(input.userId);
    if (!user) return err(notFound('user'));
    const messages: ExportedMessage[] = [];
    for (let afterId: string | undefined; input.messages !== 'none';) {
      const page = await this.deps.messages.listBySender(user.id, { limit: 500, ...(afterId ? { afterId } : {}) });
      messages.push(...page.map((m) => toExportedMessage(m, user.id)));
      input.onProgress?.(messages.length);
      if (page.length < 500) break;
      afterId = page.at(-1)!.id;
    }
    const [memberships, reactions, media, reports] = await Promise.all([
      this.deps.participants.listByUser(user.id),
      this.deps.reactions.listByUser(user.id),
      this.deps.media.listByOwner(user.id),
      this.deps.reports.listByReporter(user.id),
    ]);
    const scheduledMessages = (
      await Promise.all(memberships.map((m) => this.deps.scheduled.listScheduled(user.id, m.conversationId)))
    ).flat();
    await audit(this.deps, { actorId: input.actorId, action: 'user.exported', targetType: 'user', targetId: user.id });
    return ok({
      exportedAt: this.deps.clock.now(),
      user: toPrivateUser(user),
      memberships,
      messages,
      messageCount: await this.deps.messages.countBySender(user.id),
      reactions,
      media: media.map(({ storageKey: _key, ...rest }) => rest),
      reports,
      scheduledMessages,
    });
  }
}
