import { invalid, type DomainError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { OwnWrites } from '../policies/outbox-follow-ups.js';
import type { SyncSeen } from '../ports/sync-snapshot-store.port.js';
import type { Conversation, Participant } from '../../conversations/index.js';

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
 * Lists the user's conversations that changed since a sync token: any whose newest eventSeq, membership or
 * deletion differs from what that token's sync reported (a conversation the user joined since is new to it).
 * The token names a snapshot the server keeps of what it reported (`SyncSnapshotStore`, 30 days), so the
 * comparison needs no clock: an activity mark that lands late (a send finished by the outbox relay after a
 * crash, a writer whose clock is behind) still differs from the snapshot at the next sync. Without a token, or
 * with an expired or unknown one, every conversation is listed (and, with a token, those left too: the client
 * may hold them). Tokens of the earlier, time-based kind (`s1`) are still read, with their overlap.
 */
export class SyncConversations {
  static readonly OVERLAP_MS = 5_000;
  static readonly TOKEN_TTL_MS = 30 * 86_400_000;

  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'clock' | 'ids' | 'syncSnapshots'> & {
      ownWrites: OwnWrites;
    },
  ) {}

  async execute(input: { actorId: string; syncToken?: string }): Promise<Result<SyncResult, DomainError>> {
    let token: Token | null = null;
    if (input.syncToken) {
      token = asToken(decodeCursor(input.syncToken));
      if (!token) return err(invalid('syncToken', 'is malformed'));
    }
    await this.deps.ownWrites.settle();
    const now = this.deps.clock.now();
    const rows = await this.deps.participants.listByUser(input.actorId);
    const conversations = await this.deps.conversations.findManyByIds(rows.map((r) => r.conversationId));
    const current: SyncSeen[] = [];
    for (const row of rows) {
      const conversation = conversations.find((c) => c.id === row.conversationId);
      if (!conversation) continue;
      current.push({
        conversationId: row.conversationId,
        lastEventSeq: conversation.lastEventSeq,
        membership: row.state,
        deleted: conversation.deletedAt !== null,
      });
    }
    const changed = await this.changedSince(token, input.actorId, now, rows, conversations, current);
    const snapshot = {
      id: this.deps.ids.next(),
      userId: input.actorId,
      seen: current,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SyncConversations.TOKEN_TTL_MS),
    };
    await this.deps.syncSnapshots.save(snapshot);
    return ok({
      changes: changed.map((seen) => ({
        conversationId: seen.conversationId,
        membership: seen.membership,
        lastEventSeq: seen.lastEventSeq,
        deleted: seen.deleted,
      })),
      syncToken: encodeCursor(['s2', snapshot.id]),
    });
  }

  private async changedSince(
    token: Token | null,
    userId: string,
    now: Date,
    rows: Participant[],
    conversations: Conversation[],
    current: SyncSeen[],
  ): Promise<SyncSeen[]> {
    if (token === null) return current.filter((seen) => seen.membership === 'active');
    if (token[0] === 's1') {
      const since = token[1] - SyncConversations.OVERLAP_MS;
      return current.filter((seen) => {
        const row = rows.find((r) => r.conversationId === seen.conversationId)!;
        const conversation = conversations.find((c) => c.id === seen.conversationId)!;
        const touched = Math.max(
          conversation.lastActivityAt.getTime(),
          row.joinedAt.getTime(),
          row.leftAt?.getTime() ?? 0,
        );
        return touched >= since;
      });
    }
    const snapshot = await this.deps.syncSnapshots.find(token[1], userId, now);
    if (!snapshot) return current;
    const before = new Map(snapshot.seen.map((seen) => [seen.conversationId, seen]));
    return current.filter((seen) => {
      const was = before.get(seen.conversationId);
      return (
        (!was && seen.membership === 'active') ||
        (was !== undefined &&
          (was.lastEventSeq !== seen.lastEventSeq ||
            was.membership !== seen.membership ||
            was.deleted !== seen.deleted))
      );
    });
  }
}

type Token = ['s1', number] | ['s2', string];

/** The token's parts, if it has a token's shape: any `s2.<id>` is one (an all-digit id too), never an error. */
function asToken(parts: (string | number)[] | null): Token | null {
  if (parts === null || parts.length !== 2) return null;
  const [kind, value] = parts;
  if (kind === 's1' && typeof value === 'number') return ['s1', value];
  if (kind === 's2') return ['s2', String(value)];
  return null;
}
