import type { ClientRecord, JobRecord, StoredEvent, StoredMessage } from './checker.js';

/**
 * How the soak reads back what the healed system holds, through the public API as any client would: a
 * conversation's whole history and event log, each person's conversation list, and what the worker logged of its
 * notification jobs. Shared by the soak and the test that runs the checker against a broken build.
 */

/** A GET that answers the body of a 2xx (retrying as the caller sees fit), or throws. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Get = (path: string, token: string) => Promise<any>;

/** Every page of a conversation's history and of its event log. */
export async function readConversation(
  get: Get,
  cid: string,
  token: string,
): Promise<{ messages: StoredMessage[]; events: StoredEvent[] }> {
  const messages: StoredMessage[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await get(
      `/conversations/${cid}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    );
    messages.push(...page.data);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const events: StoredEvent[] = [];
  for (let after = 0; ;) {
    const page = await get(`/conversations/${cid}/events?after=${after}&limit=1000`, token);
    for (const e of page.events)
      events.push({ eventSeq: e.eventSeq, type: e.payload.type, messageId: e.payload.message?.id });
    after = page.lastEventSeq;
    if (!page.hasMore) break;
  }
  return { messages, events };
}

/** What a person's conversation list says of the given conversations: read marks and unread counts. */
export async function readViews(
  get: Get,
  token: string,
  conversations: string[],
): Promise<NonNullable<ClientRecord['views']>> {
  const list = await get('/conversations?limit=100', token);
  return Object.fromEntries(
    (list.data as { id: string; unreadCount: number; lastReadSeq: number }[])
      .filter((c) => conversations.includes(c.id))
      .map((c) => [c.id, { unreadCount: c.unreadCount, lastReadSeq: c.lastReadSeq }]),
  );
}

/** What a worker's log (LOG_LEVEL=info, JSON lines) says of the notification jobs. */
export function jobRecordOf(log: string): JobRecord {
  const record: JobRecord = { notifyRuns: {}, notifications: [] };
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { message?: string; job?: string; id?: string; outcome?: string; messageId?: string; userId?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line cut short by a kill -9
    }
    if (entry.message === 'job' && entry.job === 'notify.message' && entry.id?.startsWith('notify:'))
      (record.notifyRuns[entry.id.slice('notify:'.length)] ??= []).push(String(entry.outcome));
    else if (entry.message === 'notification' && entry.messageId && entry.userId)
      record.notifications.push({ messageId: entry.messageId, userId: entry.userId });
  }
  return record;
}

/**
 * What an API node's log (JSON lines) says went wrong on the server's side: a request answered 500 (`unhandled
 * error`) or a socket command answered `internal_error` (`socket command failed`). A dependency away is a 503 or
 * `*_unavailable`, which a client retries; these are bugs, whatever the faults.
 */
export function internalErrorsOf(log: string): string[] {
  const found: string[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"level":"error"')) continue;
    let entry: { message?: string; method?: string; path?: string; type?: string; error?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const error = typeof entry.error === 'string' ? entry.error : JSON.stringify(entry.error);
    if (entry.message === 'unhandled error') found.push(`${entry.method} ${entry.path}: ${error?.slice(0, 200)}`);
    if (entry.message === 'socket command failed') found.push(`socket ${entry.type}: ${error?.slice(0, 200)}`);
  }
  return found;
}
