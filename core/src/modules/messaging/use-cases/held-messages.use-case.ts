import {
  heldClientId,
  toHeldReceipt,
  type HeldMessage,
  type HeldReceipt,
  type HeldState,
} from '../domain/held-message.js';
import { newDraft, newMessageId, type MessageView } from '../domain/message.js';
import { authorizeWith, directPeer } from '../../conversations/index.js';
import { isActiveUser } from '../../identity/index.js';
import { publishSafely, userTopic } from '../../delivery/index.js';
import { audit, requireStaff } from '../../moderation/index.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit, Issues } from '../../../shared/validate.js';
import type { Page } from '../../../shared/page.js';
import type { CorePorts } from '../../../ports.js';
import {
  announceMessage,
  completeEarlier,
  jobsFor,
  storeMessage,
  type PublishDeps,
} from '../policies/publish-message.js';
import { restrictionRefusal } from '../policies/restrictions.js';
import { toViews } from '../policies/views.js';

const STATES: readonly HeldState[] = ['held', 'approved', 'rejected'];

/** Messages held for review, for moderators: oldest first (the queue's order), by state (default `held`). */
export class ListHeldMessages {
  constructor(private readonly deps: Pick<CorePorts, 'users' | 'heldMessages'>) {}

  async execute(input: {
    actorId: string;
    state?: unknown;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<HeldMessage>, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const state = input.state ?? 'held';
    if (!STATES.includes(state as HeldState)) return err(invalid('state', `must be one of ${STATES.join(', ')}`));
    const cursor = decodeCursor(input.cursor);
    if (input.cursor && (!cursor || cursor.length !== 2)) return err(invalid('cursor', 'is malformed'));
    const limit = clampLimit(input.limit, 50, 200);
    const rows = await this.deps.heldMessages.list({
      state: state as HeldState,
      limit: limit + 1,
      ...(cursor ? { afterId: String(cursor[1]) } : {}),
    });
    const data = rows.slice(0, limit);
    const last = data.at(-1);
    return ok({
      data,
      nextCursor: rows.length > limit && last ? encodeCursor([last.heldAt.getTime(), last.id]) : null,
    });
  }
}

/** What became of a held message, for its sender (or a moderator); anyone else is told there is none. */
export class GetHeldMessage {
  constructor(private readonly deps: Pick<CorePorts, 'users' | 'heldMessages'>) {}

  async execute(input: { actorId: string; heldId: string }): Promise<Result<HeldReceipt, DomainError>> {
    const held = await this.deps.heldMessages.find(input.heldId);
    if (!held) return err(notFound('held_message'));
    if (held.senderId !== input.actorId && !(await requireStaff(this.deps.users, input.actorId)).ok)
      return err(notFound('held_message'));
    return ok(toHeldReceipt(held));
  }
}

type ReviewDeps = PublishDeps &
  Pick<
    CorePorts,
    | 'users'
    | 'heldMessages'
    | 'messages'
    | 'reactions'
    | 'outboxLog'
    | 'access'
    | 'audit'
    | 'ids'
    | 'clock'
    | 'publisher'
    | 'logger'
  >;

export interface Reviewed {
  held: HeldMessage;
  /** The message it became (approved). */
  message: MessageView | null;
}

/**
 * A moderator approves a held message (it is sent then, as its sender, with everything a send checks
 * except the filters and rate limits: a sender who may no longer post there gets 409 `sender_cannot_post`
 * and the message stays held) or rejects it. The message is stored under its sender's clientMessageId (or
 * `held:<id>`), so approving twice, or racing two moderators, stores it once. The sender's devices hear
 * `message.reviewed`; the approved message reaches everyone as any `message.created`. Audited.
 */
export class ReviewHeldMessage {
  constructor(private readonly deps: ReviewDeps) {}

  async execute(input: {
    actorId: string;
    heldId: string;
    decision: 'approve' | 'reject';
    reason?: unknown;
  }): Promise<Result<Reviewed, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { max: 500 }) ?? null;
    if (!issues.empty) return err(invalid(issues.list));
    const held = await this.deps.heldMessages.find(input.heldId);
    if (!held) return err(notFound('held_message'));
    const wanted: HeldState = input.decision === 'approve' ? 'approved' : 'rejected';
    if (held.state !== 'held' && held.state !== wanted)
      return err(conflict('already_reviewed', `this message was ${held.state} already`));
    // Approving again finishes what an earlier approval may have left half done (stored, not yet marked).
    if (held.state === 'rejected') return ok({ held, message: null });
    const message = input.decision === 'approve' ? await this.publish(held) : null;
    if (message && !message.ok) return message;
    const decided = await this.deps.heldMessages.decide(held.id, {
      state: wanted,
      decidedBy: held.decidedBy ?? input.actorId,
      decidedAt: held.decidedAt ?? this.deps.clock.now(),
      reason: held.reason ?? reason,
      messageId: message?.value.id ?? null,
    });
    if (!decided) return err(notFound('held_message'));
    if (held.state === 'held') {
      await audit(this.deps, {
        actorId: input.actorId,
        action: wanted === 'approved' ? 'message.approved' : 'message.rejected',
        targetType: 'held_message',
        targetId: held.id,
        reason,
        data: { conversationId: held.conversationId, senderId: held.senderId, messageId: decided.messageId },
      });
      await publishSafely(this.deps, userTopic(held.senderId), {
        kind: 'ephemeral',
        event: {
          type: 'message.reviewed',
          heldId: held.id,
          conversationId: held.conversationId,
          clientMessageId: held.clientMessageId,
          state: wanted,
          messageId: decided.messageId,
        },
      });
    }
    return ok({ held: decided, message: message?.value ?? null });
  }

  /** Sends it as its sender, now; a retry (or a racing approval) finds the one stored. */
  private async publish(held: HeldMessage): Promise<Result<MessageView, DomainError>> {
    const { access } = this.deps;
    const cannot = () => err(conflict('sender_cannot_post', 'the sender can no longer post there; reject it'));
    const allowed = await authorizeWith(access, held.conversationId, held.senderId, 'message.send');
    if (!allowed.ok || !isActiveUser(await access.user(held.senderId))) return cannot();
    const { conversation, participant } = allowed.value;
    const peer = directPeer(conversation, held.senderId);
    if (peer !== null && (await access.blocked(held.senderId, peer))) return cannot();
    const refused = restrictionRefusal(conversation, participant, this.deps.clock.now(), {
      attachments: held.draft.attachmentIds.length,
      links: held.draft.metadata.links.length,
      poll: Boolean(held.draft.poll),
    });
    if (refused) return cannot();
    const id = newMessageId(held.conversationId, this.deps.ids.next());
    const draft = newDraft(held.draft, {
      id,
      conversationId: held.conversationId,
      senderId: held.senderId,
      clientMessageId: heldClientId(held),
      createdAt: this.deps.clock.now(),
    });
    const jobs = jobsFor(draft);
    const { message, created, outbox } = await storeMessage(this.deps, draft, jobs);
    if (created) return ok(await announceMessage(this.deps, message, jobs));
    await completeEarlier(this.deps, message, outbox);
    const [view] = await toViews(this.deps.reactions, [message], held.senderId);
    return ok(view!);
  }
}
