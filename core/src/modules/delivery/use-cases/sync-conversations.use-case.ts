import { invalid, type DomainError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { OwnWrites } from '../policies/outbox-follow-ups.js';

export interface SyncChange {
  conversationId: string;
  membership: 'active' | 'left';
  /** The newest eventSeq; fetch events after your stored one up to this. */
  lastEventSeq: number;
  deleted: boolean;
}

export interface SyncResult {
  changes: SyncChange[];
  /** Give this back next time. */
  syncToken: string;
}

/**
 * Lists the user's conversations that changed since a sync token (any with newer activity, or that the
 * user joined or left). Tokens overlap by a margin so a write in flight at token time is never skipped;
 * clients de-duplicate by eventSeq. Without a token every conversation is listed.
 */
export class SyncConversations {
  static readonly OVERLAP_MS = 5_000;

  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'clock'> & { ownWrites: OwnWrites },
  ) {}

  async execute(input: { actorId: string; syncToken?: string }): Promise<Result<SyncResult, DomainError>> {
    let since = 0;
    if (input.syncToken) {
      const parts = decodeCursor(input.syncToken);
      if (!parts || parts[0] !== 's1' || typeof parts[1] !== 'number') return err(invalid('syncToken', 'is malformed'));
      since = parts[1] - SyncConversations.OVERLAP_MS;
    }
    await this.deps.ownWrites.settle();
    const issuedAt = this.deps.clock.now().getTime();
    const rows = await this.deps.participants.listByUser(input.actorId);
    const conversations = await this.deps.conversations.findManyByIds(rows.map((r) => r.conversationId));
    const changes: SyncChange[] = [];
    for (const row of rows) {
      const conversation = conversations.find((c) => c.id === row.conversationId);
      if (!conversation) continue;
      const touched = Math.max(
        conversation.lastActivityAt.getTime(),
        row.joinedAt.getTime(),
        row.leftAt?.getTime() ?? 0,
      );
      if (touched < since) continue;
      if (row.state === 'left' && !input.syncToken) continue;
      changes.push({
        conversationId: row.conversationId,
        membership: row.state,
        lastEventSeq: conversation.lastEventSeq,
        deleted: conversation.deletedAt !== null,
      });
    }
    return ok({ changes, syncToken: encodeCursor(['s1', issuedAt]) });
  }
}
