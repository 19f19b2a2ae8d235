import { can } from '../../conversations/index.js';
import { forbidden, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { OwnWrites } from '../../delivery/index.js';
import { loadVisibleMessage } from '../policies/load-message.js';

export interface Receipts {
  messageId: string;
  seq: number;
  readBy: { userId: string; at: Date | null }[];
  deliveredTo: { userId: string; at: Date | null }[];
  /** How many participants other than the sender have read it (the only figure channels expose). */
  readCount: number;
}

/**
 * Who read / received a message, derived from watermarks (a participant read message n when their
 * lastReadSeq >= n). In channels only owners and admins see the count, never who.
 */
export class GetReceipts {
  constructor(
    private readonly deps: Pick<Ports, 'messages' | 'conversations' | 'participants'> & { ownWrites: OwnWrites },
  ) {}

  async execute(input: { actorId: string; messageId: string }): Promise<Result<Receipts, DomainError>> {
    await this.deps.ownWrites.settle();
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    if (!can(conversation, participant, 'receipts.view'))
      return err(forbidden('not_allowed', 'you may not see receipts here'));
    const reached = (await this.deps.participants.listReachedSeq(conversation.id, message.seq)).filter(
      (p) => p.userId !== message.senderId,
    );
    const read = reached.filter((p) => p.lastReadSeq >= message.seq);
    const delivered = reached.filter((p) => p.lastDeliveredSeq >= message.seq);
    const hide = conversation.kind === 'channel';
    return ok({
      messageId: message.id,
      seq: message.seq,
      readBy: hide ? [] : read.map((p) => ({ userId: p.userId, at: p.lastReadAt })),
      deliveredTo: hide ? [] : delivered.map((p) => ({ userId: p.userId, at: p.lastDeliveredAt })),
      readCount: read.length,
    });
  }
}
