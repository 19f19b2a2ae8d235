/**
 * The soak's history checker: what the clients were told (acknowledgements, events, edits and deletes they had
 * acknowledged) against what the healed system holds (history and the event log of each conversation, read back in
 * full). A pure function, so a test can hand it a broken history and see it fail (checker.spec.ts).
 *
 * Guarantees checked (docs/operations.md, "The soak"):
 * - every acknowledged message is stored exactly once, at the seq it was acknowledged with, and appears in the event
 *   log (its `message.created`);
 * - each conversation's seqs and eventSeqs are dense (1..n, no gap, no repeat);
 * - each client saw each conversation's events in eventSeq order, and by the end had every eventSeq from the first
 *   it saw to the last the log holds (a gap it could not fill is unresolved);
 * - an acknowledged edit is kept unless a later acknowledged edit or a delete replaced it (the stored text is the
 *   last acknowledged one); an acknowledged delete is kept;
 * - read marks and unread counts settle to the truth: each person's read mark is at least the last message they had
 *   marked read (acknowledged) or sent (a send marks the sender's own read), and their unread count is the number of
 *   messages after their read mark that are neither theirs nor deleted;
 * - every acknowledged message's notification job ran to the end (its `notify.message` job acknowledged at least
 *   once: redeliveries are allowed, they are idempotent), and nobody was notified of one message twice.
 */

export interface Ack {
  conversationId: string;
  senderId: string;
  clientMessageId: string;
  id: string;
  seq: number;
}

export interface ClientRecord {
  userId: string;
  acks: Ack[];
  /** eventSeqs in the order this client received them (live or by resume), per conversation. */
  seen: Record<string, number[]>;
  /**
   * Edits tried, in order, each with whether it was acknowledged: one that was not (a timeout, a dropped connection)
   * may or may not have taken effect, so it may be what is stored, but only if tried after the last acknowledged one.
   */
  edits: { id: string; content: string; at: number; acked?: boolean }[];
  /** Acknowledged deletes. */
  deletes: { id: string; at: number }[];
  /** Acknowledged read marks (the seq of the message marked read). */
  reads?: { conversationId: string; seq: number }[];
  /** What the healed system says of each of this person's conversations (their conversation list), at the end. */
  views?: Record<string, { unreadCount: number; lastReadSeq: number }>;
}

export interface StoredMessage {
  id: string;
  seq: number;
  senderId: string;
  clientMessageId: string | null;
  content: string;
  deletedAt: string | null;
}

export interface StoredEvent {
  eventSeq: number;
  type: string;
  messageId?: string;
}

/** What the worker logged of the notification jobs (LOG_LEVEL=info): each run's outcome, each notification sent. */
export interface JobRecord {
  /** Per message id, the outcomes of its `notify.message` runs, in order ('ack', 'retry' or 'dead'). */
  notifyRuns: Record<string, string[]>;
  notifications: { messageId: string; userId: string }[];
}

export interface Truth {
  /** Per conversation: its history (every page) and its event log (every page). */
  conversations: Record<string, { messages: StoredMessage[]; events: StoredEvent[] }>;
}

export interface Report {
  acknowledged: number;
  stored: number;
  lost: string[];
  duplicated: string[];
  seqGaps: string[];
  wrongSeq: string[];
  missingEvents: string[];
  outOfOrder: string[];
  unresolvedGaps: string[];
  lostEdits: string[];
  lostDeletes: string[];
  lostReads: string[];
  wrongUnread: string[];
  jobsNotRun: string[];
  notifiedTwice: string[];
}

export const violations = (r: Report): number =>
  r.lost.length +
  r.duplicated.length +
  r.seqGaps.length +
  r.wrongSeq.length +
  r.missingEvents.length +
  r.outOfOrder.length +
  r.unresolvedGaps.length +
  r.lostEdits.length +
  r.lostDeletes.length +
  r.lostReads.length +
  r.wrongUnread.length +
  r.jobsNotRun.length +
  r.notifiedTwice.length;

/** Where a sequence of numbers is not 1..n: the first missing or repeated one, described. */
function denseProblem(values: number[]): string | null {
  const sorted = [...values].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 1)
    if (sorted[i] !== i + 1) return sorted[i]! < i + 1 ? `${sorted[i]} twice` : `${i + 1} missing`;
  return null;
}

export function checkHistory(clients: ClientRecord[], truth: Truth, jobs?: JobRecord): Report {
  const report: Report = {
    acknowledged: 0,
    stored: 0,
    lost: [],
    duplicated: [],
    seqGaps: [],
    wrongSeq: [],
    missingEvents: [],
    outOfOrder: [],
    unresolvedGaps: [],
    lostEdits: [],
    lostDeletes: [],
    lostReads: [],
    wrongUnread: [],
    jobsNotRun: [],
    notifiedTwice: [],
  };
  const byId = new Map<string, StoredMessage>();
  const created = new Set<string>();
  for (const [cid, { messages, events }] of Object.entries(truth.conversations)) {
    report.stored += messages.length;
    const byClientKey = new Map<string, number>();
    for (const m of messages) {
      if (byId.has(m.id)) report.duplicated.push(`message ${m.id} appears twice in ${cid}'s history`);
      byId.set(m.id, m);
      if (m.clientMessageId) {
        const key = `${m.senderId}/${m.clientMessageId}`;
        byClientKey.set(key, (byClientKey.get(key) ?? 0) + 1);
      }
    }
    for (const [key, n] of byClientKey) if (n > 1) report.duplicated.push(`${key} stored ${n} times in ${cid}`);
    const seqProblem = denseProblem(messages.map((m) => m.seq));
    if (seqProblem) report.seqGaps.push(`${cid}: seq ${seqProblem}`);
    const eventProblem = denseProblem(events.map((e) => e.eventSeq));
    if (eventProblem) report.seqGaps.push(`${cid}: eventSeq ${eventProblem}`);
    for (const e of events) if (e.type === 'message.created' && e.messageId) created.add(e.messageId);
  }

  const acked = new Map<string, Ack>();
  for (const client of clients) for (const ack of client.acks) acked.set(`${ack.senderId}/${ack.clientMessageId}`, ack);
  report.acknowledged = acked.size;
  for (const [key, ack] of acked) {
    const stored = byId.get(ack.id);
    if (!stored) report.lost.push(`${key} (acknowledged as ${ack.id}, seq ${ack.seq} in ${ack.conversationId})`);
    else if (stored.seq !== ack.seq)
      report.wrongSeq.push(`${key}: acknowledged at seq ${ack.seq}, stored at ${stored.seq}`);
    if (stored && !created.has(ack.id)) report.missingEvents.push(`${key}: no message.created for ${ack.id}`);
  }

  for (const client of clients)
    for (const [cid, seen] of Object.entries(client.seen)) {
      for (let i = 1; i < seen.length; i += 1)
        if (seen[i]! <= seen[i - 1]!) {
          report.outOfOrder.push(`${client.userId} in ${cid}: eventSeq ${seen[i]} after ${seen[i - 1]}`);
          break;
        }
      const have = new Set(seen);
      const last = truth.conversations[cid]?.events.length ?? 0;
      const first = Math.min(...seen);
      for (let s = first; s <= last; s += 1)
        if (!have.has(s)) {
          report.unresolvedGaps.push(`${client.userId} in ${cid}: never got eventSeq ${s} (saw ${first}..)`);
          break;
        }
    }

  const lastEdit = new Map<string, { content: string; at: number }>();
  const tried = new Map<string, { content: string; at: number }[]>();
  const deletedAt = new Map<string, number>();
  for (const client of clients) {
    for (const e of client.edits) {
      if (e.acked === false) tried.set(e.id, [...(tried.get(e.id) ?? []), e]);
      else if ((lastEdit.get(e.id)?.at ?? -1) <= e.at) lastEdit.set(e.id, { content: e.content, at: e.at });
    }
    for (const d of client.deletes) deletedAt.set(d.id, Math.min(deletedAt.get(d.id) ?? Infinity, d.at));
  }
  for (const [id, edit] of lastEdit) {
    const stored = byId.get(id);
    if (!stored) continue; // counted as lost above if its send was acknowledged
    const deleted = deletedAt.has(id) && deletedAt.get(id)! >= edit.at;
    const later = (tried.get(id) ?? []).filter((t) => t.at > edit.at).map((t) => t.content);
    if (!deleted && !stored.deletedAt && stored.content !== edit.content && !later.includes(stored.content))
      report.lostEdits.push(
        `${id}: last acknowledged edit ${JSON.stringify(edit.content)}, stored ${JSON.stringify(stored.content)}`,
      );
  }
  for (const id of deletedAt.keys()) {
    const stored = byId.get(id);
    if (stored && !stored.deletedAt) report.lostDeletes.push(`${id}: delete acknowledged, message not deleted`);
  }

  for (const client of clients)
    for (const [cid, view] of Object.entries(client.views ?? {})) {
      const marked = [
        ...(client.reads ?? []).filter((r) => r.conversationId === cid),
        ...client.acks.filter((a) => a.conversationId === cid),
      ];
      const least = Math.max(0, ...marked.map((r) => r.seq));
      if (view.lastReadSeq < least)
        report.lostReads.push(`${client.userId} in ${cid}: read mark ${view.lastReadSeq}, marked up to ${least}`);
      const messages = truth.conversations[cid]?.messages;
      if (!messages) continue;
      const unread = messages.filter(
        (m) => m.seq > view.lastReadSeq && m.senderId !== client.userId && !m.deletedAt,
      ).length;
      if (view.unreadCount !== unread)
        report.wrongUnread.push(
          `${client.userId} in ${cid}: unread ${view.unreadCount}, but ${unread} messages after read mark ` +
            `${view.lastReadSeq} are others' and not deleted`,
        );
    }

  if (jobs) {
    for (const [key, ack] of acked) {
      const runs = jobs.notifyRuns[ack.id] ?? [];
      if (!runs.includes('ack'))
        report.jobsNotRun.push(`${key} (${ack.id}): notify.message ${runs.length ? runs.join(', ') : 'never ran'}`);
    }
    const notified = new Map<string, number>();
    for (const n of jobs.notifications) {
      const key = `${n.messageId} to ${n.userId}`;
      notified.set(key, (notified.get(key) ?? 0) + 1);
    }
    for (const [key, n] of notified) if (n > 1) report.notifiedTwice.push(`${key}: ${n} notifications`);
  }
  return report;
}

export function formatReport(r: Report): string {
  const lines = [
    `acknowledged ${r.acknowledged}, stored ${r.stored}; lost ${r.lost.length}, duplicated ${r.duplicated.length}, ` +
      `seq/eventSeq gaps ${r.seqGaps.length}, wrong seq ${r.wrongSeq.length}, ` +
      `missing events ${r.missingEvents.length}, out of order ${r.outOfOrder.length}, ` +
      `unresolved gaps ${r.unresolvedGaps.length}, lost edits ${r.lostEdits.length}, ` +
      `lost deletes ${r.lostDeletes.length}, lost read marks ${r.lostReads.length}, ` +
      `wrong unread counts ${r.wrongUnread.length}, notification jobs not run ${r.jobsNotRun.length}, ` +
      `notified twice ${r.notifiedTwice.length}`,
  ];
  for (const [name, list] of Object.entries(r))
    if (Array.isArray(list)) for (const item of list.slice(0, 5)) lines.push(`  ${name}: ${item}`);
  return lines.join('\n');
}
