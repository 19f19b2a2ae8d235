import type { Participant } from '../../conversations/index.js';
import type { Message } from '../../messaging/index.js';
import { notificationSettingsOf, type User } from '../../identity/index.js';
import { notifyFactsOf, type NotifyFacts } from '../domain/notify-facts.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { JobOutcome } from '../ports/job-queue.port.js';
import type { CorePorts } from '../../../ports.js';
import { presenceOf } from '../policies/presence.js';
import { pushToDevices } from '../policies/push-devices.js';
import { deliverToBots } from '../../bots/index.js';

export interface NotifyRules {
  /** One notification per user and conversation per window; later messages in it are folded in. */
  burstWindowMs: number;
  previewLength: number;
}

export const DEFAULT_NOTIFY_RULES: NotifyRules = { burstWindowMs: 60_000, previewLength: 120 };

/** How long a (message, recipient) claim is kept: far past any redelivery or relay. */
const CLAIM_MS = 30 * 86_400_000;

/**
 * The notify.message job: members with no live connection get a notification, unless they muted the
 * conversation (a mention still gets through), asked for mentions only or none there, switched notifications
 * off, or the message was sent silently. Without a preview a notification says only that a message came.
 * Bursts collapse: after one notification for a conversation, a user gets no other for it until the window
 * passes. Each (message, user) is claimed in the NotificationLog (durable, 30 days) before it is sent, so a job
 * run twice (redelivered by the broker, repeated by the outbox relay) notifies nobody twice. A failed delivery
 * gives its claim back and asks for a retry, which sends it then; users already notified are skipped.
 */
export class NotifyMessage {
  constructor(
    private readonly deps: Pick<
      CorePorts,
      | 'messages'
      | 'access'
      | 'participants'
      | 'users'
      | 'blocks'
      | 'presence'
      | 'notificationLog'
      | 'notifier'
      | 'pushTargets'
      | 'push'
      | 'conversations'
      | 'bots'
      | 'botUpdates'
      | 'jobs'
      | 'clock'
      | 'logger'
    >,
    private readonly rules: NotifyRules = DEFAULT_NOTIFY_RULES,
  ) {}

  /**
   * A job queued since its payload grew carries what deciding who is notified needs (`NotifyFacts`): the message is
   * then read only when a notification is about to go out (on FerretDB a read by `_id` scans the log; in a busy
   * conversation most recipients are online or inside their burst window). An older job names the message only,
   * and reads it first.
   */
  async execute(input: { messageId: string } | NotifyFacts): Promise<Result<JobOutcome, DomainError>> {
    const now = this.deps.clock.now();
    let message: Message | null = null;
    let facts: NotifyFacts;
    if ('conversationId' in input) facts = input;
    else {
      message = await this.deps.messages.findById(input.messageId);
      if (!message || message.deletedAt || message.type === 'system') return ok('ack');
      facts = notifyFactsOf(message);
    }
    // The conversation and the sender from the AccessView (cached, dropped on every node when they change), as a
    // send reads them: a job per message must not cost a database read for rows that rarely change.
    const conversation = await this.deps.access.conversation(facts.conversationId);
    if (!conversation || conversation.deletedAt) return ok('ack');
    const offline = await this.offlineRecipients(conversation.id, facts.senderId, now);
    if (offline.length === 0) return ok('ack');
    const [sender, users, blockers] = await Promise.all([
      this.deps.access.user(facts.senderId),
      this.deps.users.findManyByIds(offline.map((r) => r.userId)),
      // Nobody is notified of what someone they blocked wrote, mentions included (shared groups).
      this.deps.blocks.blockersOf(
        facts.senderId,
        offline.map((r) => r.userId),
      ),
    ]);
    const read = async () => {
      message ??= await this.deps.messages.findById(facts.messageId);
      const gone = !message || message.deletedAt || message.conversationId !== conversation.id;
      return gone || message!.type === 'system' ? null : message!;
    };
    // Maps, not finds: a channel's notification job looks at every offline subscriber.
    const usersById = new Map(users.map((u) => [u.id, u]));
    // Bots (never online: no socket) hear messages through their update queue, silent ones too; no notification.
    const bots = offline.flatMap((participant) => {
      const user = usersById.get(participant.userId);
      return user?.isBot && !user.bannedAt && !user.erasedAt ? [{ user, participant }] : [];
    });
    await deliverToBots(this.deps, { conversation, sender, bots, read });
    if (facts.silent) return ok('ack');
    const eligible: { user: User; recipient: Participant; mention: boolean; preview: boolean }[] = [];
    const blocking = new Set(blockers);
    for (const recipient of offline) {
      const user = usersById.get(recipient.userId);
      if (!user || user.isBot || user.erasedAt || user.bannedAt || blocking.has(user.id)) continue;
      const mention = facts.mentions.includes(user.id);
      const settings = notificationSettingsOf(user);
      const level = recipient.notify ?? 'all';
      if (!settings.enabled || level === 'none' || (level === 'mentions' && !mention)) continue;
      if (this.muted(recipient, now) && !mention) continue;
      eligible.push({ user, recipient, mention, preview: settings.preview });
    }
    if (eligible.length === 0) return ok('ack');
    const say = (m: Message, mention: boolean, preview: boolean) => ({
      // Without a preview a notification names neither the conversation nor the sender, and quotes nothing.
      title: !preview
        ? 'Parley'
        : conversation.kind === 'direct'
          ? (sender?.displayName ?? 'New message')
          : (conversation.name ?? 'New message'),
      body: !preview
        ? mention
          ? 'You were mentioned'
          : 'New message'
        : this.preview(m.content, m.type, conversation.kind === 'direct' ? null : (sender?.displayName ?? null)),
    });
    const pushed = eligible.map(({ user, mention, preview }) => ({ userId: user.id, mention, preview }));
    let failed = !(await pushToDevices(this.deps, pushed, read, say, now));
    for (const { user, mention, preview } of eligible) {
      const claim = `${facts.messageId}:${user.id}`;
      if (!(await this.deps.notificationLog.claim(claim, new Date(now.getTime() + CLAIM_MS), now))) continue;
      const burst = `burst:${user.id}:${conversation.id}`;
      const burstUntil = new Date(now.getTime() + this.rules.burstWindowMs);
      if (!mention && !(await this.deps.notificationLog.claim(burst, burstUntil, now))) continue;
      const current = await read();
      if (!current) {
        // Nothing to tell anyone: the burst this claimed is given back, so the next message is not folded into it.
        if (!mention) await this.deps.notificationLog.release(burst);
        return ok('ack');
      }
      try {
        await this.deps.notifier.send({
          userId: user.id,
          email: user.email,
          conversationId: conversation.id,
          messageId: current.id,
          ...say(current, mention, preview),
          mention,
          createdAt: now,
        });
      } catch (error) {
        failed = true;
        // Given back, so the retry sends it (and is not folded into a burst that sent nothing).
        await this.deps.notificationLog.release(claim);
        if (!mention) await this.deps.notificationLog.release(burst);
        this.deps.logger.warn('notification failed', { messageId: current.id, userId: user.id, error: String(error) });
      }
    }
    return ok(failed ? 'retry' : 'ack');
  }

  private async offlineRecipients(conversationId: string, senderId: string, now: Date): Promise<Participant[]> {
    const recipients = (await this.deps.participants.listActive(conversationId)).filter((p) => p.userId !== senderId);
    const states = await this.deps.presence.get(
      recipients.map((r) => r.userId),
      now,
    );
    const byUser = new Map(states.map((s) => [s.userId, s]));
    return recipients.filter((r) => presenceOf(byUser.get(r.userId)) === 'offline');
  }

  private muted(participant: Participant, now: Date): boolean {
    return participant.mutedUntil !== null && participant.mutedUntil > now;
  }

  private preview(content: string | null, type: string, author: string | null): string {
    const text = content
      ? content.slice(0, this.rules.previewLength) + (content.length > this.rules.previewLength ? '…' : '')
      : `[${type}]`;
    return author ? `${author}: ${text}` : text;
  }
}
