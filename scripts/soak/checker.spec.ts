import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  formatReport,
  violations,
  type ClientRecord,
  type StoredMessage,
  type Truth,
} from './checker.js';

const message = (seq: number, over: Partial<StoredMessage> = {}): StoredMessage => ({
  id: `m${seq}`,
  seq,
  senderId: 'ann',
  clientMessageId: `c${seq}`,
  content: `text ${seq}`,
  deletedAt: null,
  ...over,
});
const created = (eventSeq: number, messageId: string) => ({ eventSeq, type: 'message.created', messageId });

/** Ann sent three messages, all acknowledged; Bob saw every event; the system holds all of it. */
function healthy(): { clients: ClientRecord[]; truth: Truth } {
  const acks = [1, 2, 3].map((seq) => ({
    conversationId: 'g',
    senderId: 'ann',
    clientMessageId: `c${seq}`,
    id: `m${seq}`,
    seq,
  }));
  return {
    clients: [
      {
        userId: 'ann',
        acks,
        seen: { g: [1, 2, 3, 4] },
        edits: [{ id: 'm2', content: 'edited', at: 5 }],
        deletes: [],
        views: { g: { unreadCount: 0, lastReadSeq: 3 } },
      },
      // Bob marked message 1 read: two unread.
      {
        userId: 'bob',
        acks: [],
        seen: { g: [1, 2, 3, 4] },
        edits: [],
        deletes: [],
        reads: [{ conversationId: 'g', seq: 1 }],
        views: { g: { unreadCount: 2, lastReadSeq: 1 } },
      },
    ],
    truth: {
      conversations: {
        g: {
          messages: [message(1), message(2, { content: 'edited' }), message(3)],
          events: [created(1, 'm1'), created(2, 'm2'), created(3, 'm3'), { eventSeq: 4, type: 'message.edited' }],
        },
      },
    },
  };
}

describe('the soak history checker', () => {
  it('passes a history where everything acknowledged is there once, dense and in order', () => {
    const { clients, truth } = healthy();
    const report = checkHistory(clients, truth);
    expect(violations(report)).toBe(0);
    expect(report).toMatchObject({ acknowledged: 3, stored: 3 });
  });

  it('fails a build that acknowledges before it inserts: the acknowledged message is reported lost', () => {
    const { clients, truth } = healthy();
    // The server said "stored at seq 3" and crashed before the insert: seq 3 never made it.
    truth.conversations.g!.messages.pop();
    truth.conversations.g!.events = truth.conversations.g!.events.filter((e) => e.messageId !== 'm3');
    const report = checkHistory(clients, truth);
    expect(report.lost).toEqual(['ann/c3 (acknowledged as m3, seq 3 in g)']);
    expect(formatReport(report)).toContain('lost 1,');
  });

  it('reports duplicates, gaps in seqs and eventSeqs, wrong seqs and missing events', () => {
    const { clients, truth } = healthy();
    const g = truth.conversations.g!;
    g.messages.push(message(5, { id: 'm5', clientMessageId: 'c1' })); // c1 stored twice, seq 4 missing
    g.events = g.events.filter((e) => e.eventSeq !== 2); // eventSeq 2 missing, and m2's message.created with it
    const report = checkHistory(clients, truth);
    expect(report.duplicated).toEqual(['ann/c1 stored 2 times in g']);
    expect(report.seqGaps).toEqual(['g: seq 4 missing', 'g: eventSeq 2 missing']);
    expect(report.missingEvents).toEqual(['ann/c2: no message.created for m2']);
    clients[0]!.acks[0]!.seq = 9;
    expect(checkHistory(clients, truth).wrongSeq).toEqual(['ann/c1: acknowledged at seq 9, stored at 1']);
  });

  it('reports events seen out of order, and gaps a client never filled', () => {
    const { clients, truth } = healthy();
    clients[1]!.seen.g = [1, 3, 2, 4];
    expect(checkHistory(clients, truth).outOfOrder).toEqual(['bob in g: eventSeq 2 after 3']);
    clients[1]!.seen.g = [2, 4];
    expect(checkHistory(clients, truth).unresolvedGaps).toEqual(['bob in g: never got eventSeq 3 (saw 2..)']);
  });

  it('reports an acknowledged edit or delete the system does not hold', () => {
    const { clients, truth } = healthy();
    truth.conversations.g!.messages[1]!.content = 'text 2';
    clients[0]!.deletes.push({ id: 'm1', at: 6 });
    const report = checkHistory(clients, truth);
    expect(report.lostEdits).toEqual(['m2: last acknowledged edit "edited", stored "text 2"']);
    expect(report.lostDeletes).toEqual(['m1: delete acknowledged, message not deleted']);
    // An edit tried after it and never acknowledged (its answer lost) may be what is stored; one tried before may not.
    truth.conversations.g!.messages[1]!.content = 'unanswered';
    clients[0]!.edits.push({ id: 'm2', content: 'unanswered', at: 7, acked: false });
    expect(checkHistory(clients, truth).lostEdits).toEqual([]);
    clients[0]!.edits.at(-1)!.at = 4;
    expect(checkHistory(clients, truth).lostEdits).toHaveLength(1);
    // A delete after the edit wins: the edit is not expected to show.
    clients[0]!.deletes.push({ id: 'm2', at: 9 });
    truth.conversations.g!.messages[1]!.deletedAt = '2026-12-04T00:00:00Z';
    expect(checkHistory(clients, truth).lostEdits).toEqual([]);
  });

  it('reports read marks behind what was marked, and unread counts that are not the truth', () => {
    const { clients, truth } = healthy();
    // Bob's acknowledged read of message 1 lost (say, in a crash before the coalesced mark was written).
    clients[1]!.views!.g = { unreadCount: 3, lastReadSeq: 0 };
    expect(checkHistory(clients, truth).lostReads).toEqual(['bob in g: read mark 0, marked up to 1']);
    // A count that drifted from the stored messages (the conversation's last seq not moved past message 3).
    clients[1]!.views!.g = { unreadCount: 1, lastReadSeq: 1 };
    expect(checkHistory(clients, truth).wrongUnread).toEqual([
      "bob in g: unread 1, but 2 messages after read mark 1 are others' and not deleted",
    ]);
    // A deleted message is not unread; nor is the reader's own (Ann's read mark follows her sends).
    truth.conversations.g!.messages[2]!.deletedAt = '2026-12-04T00:00:00Z';
    expect(checkHistory(clients, truth).wrongUnread).toEqual([]);
    clients[0]!.views!.g = { unreadCount: 0, lastReadSeq: 2 };
    expect(checkHistory(clients, truth).lostReads).toEqual(['ann in g: read mark 2, marked up to 3']);
    expect(formatReport(checkHistory(clients, truth))).toContain('lost read marks 1');
  });

  it('reports an acknowledged message whose notification job never finished, and anyone notified twice', () => {
    const { clients, truth } = healthy();
    const jobs = {
      notifyRuns: { m1: ['ack'], m2: ['retry', 'ack', 'ack'], m3: ['retry', 'dead'] },
      notifications: [
        { messageId: 'm1', userId: 'bob' },
        { messageId: 'm2', userId: 'bob' },
        { messageId: 'm2', userId: 'bob' },
      ],
    };
    const report = checkHistory(clients, truth, jobs);
    expect(report.jobsNotRun).toEqual(['ann/c3 (m3): notify.message retry, dead']);
    expect(report.notifiedTwice).toEqual(['m2 to bob: 2 notifications']);
    delete (jobs.notifyRuns as Record<string, string[]>).m1;
    expect(checkHistory(clients, truth, jobs).jobsNotRun).toContain('ann/c1 (m1): notify.message never ran');
    expect(
      violations(
        checkHistory(clients, truth, { notifyRuns: { m1: ['ack'], m2: ['ack'], m3: ['ack'] }, notifications: [] }),
      ),
    ).toBe(0);
  });
});
