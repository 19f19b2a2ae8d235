import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';
import { notifyUser, recordEvent } from '../../delivery/index.js';

export interface MarkReadInput {
  actorId: string;
  conversationId?: string;
  /** Read (or delivered) up to this seq... */
  seq?: unknown;
  /** ...or up to this message. */
  messageId?: string;
  /** 'read' (default) moves both watermarks; 'delivered' only the delivered one. */
  kind?: 'read' | 'delivered';
}

/**
 * Moves the participant's read or delivered watermark forward (never back, never past the last message).
 * Channels keep watermarks private: only the reader's own devices hear of them.
 */
export class MarkRead {
  constructor(
    private readonly deps: Pick<
      Ports,
      'conversations' | 'participants' | 'messages' | 'events' | 'publisher' | 'clock' | 'logger'
    >,
  ) {}

  async execute(
    input: MarkReadInput,
  ): Promise<Result<{ lastReadSeq: number; lastDeliveredSeq: number; moved: boolean }, DomainError>> {
    let conversationId = input.conversationId;
    let seq = typeof input.seq === 'number' ? input.seq : undefined;
    if (input.messageId) {
      const message = await this.deps.messages.findById(input.messageId);
      if (!message || (conversationId && message.conversationId !== conversationId)) return err(notFound('message'));
      conversationId = message.conversationId;
      seq = message.seq;
    }
    if (!conversationId) return err(invalid('conversationId', 'is required'));
    if (seq === undefined || !Number.isInteger(seq) || seq < 0)
      return err(invalid('seq', 'must be a non-negative whole number'));
    const membership = await loadMembership(this.deps, conversationId, input.actorId);
    if (!membership.ok) return input.messageId ? err(notFound('message')) : membership;
    const { conversation } = membership.value;
    // lastMessageSeq follows a send by a moment (MessageFollowUps): a seq past it counts if that message exists.
    const known =
      seq > conversation.lastMessageSeq && (await this.deps.messages.findBySeqs([{ conversationId, seq }])).length > 0;
    const target = known ? seq : Math.min(seq, conversation.lastMessageSeq);
    const now = this.deps.clock.now();
    const { participant, moved } =
      input.kind === 'delivered'
        ? await this.deps.participants.advanceDelivered(conversationId, input.actorId, target, now)
        : await this.deps.participants.advanceRead(conversationId, input.actorId, target, now);
    const row = participant ?? membership.value.participant;
    const marks = { lastReadSeq: row.lastReadSeq, lastDeliveredSeq: row.lastDeliveredSeq };
    if (moved && conversation.kind === 'channel') {
      await notifyUser(this.deps, input.actorId, { type: 'receipt.self', conversationId, ...marks });
    } else if (moved) {
      await recordEvent(this.deps, conversationId, input.actorId, {
        type: 'receipt.updated',
        userId: input.actorId,
        ...marks,
        at: now,
      });
    }
    return ok({ ...marks, moved });
  }
}
