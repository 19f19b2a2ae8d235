/**
 * A simulated person's socket, as a careful client writes it: applies each conversation's events in eventSeq order,
 * resumes over any gap (and after `ready`), and answers requests with their ack or error (a lost socket answers
 * what it was asked with a connection error, so the sender retries).
 */
import WebSocket from 'ws';
import type { ClientRecord } from './checker.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a frame's result, as the AsyncAPI document gives it
export type Answer = { type: 'ack' | 'error'; result?: any; error?: { code: string } };

export interface PersonSocket {
  ws: WebSocket;
  close: () => void;
  request: (frame: object) => Promise<Answer>;
}

export interface SocketOptions {
  /** The node's ws:// address. */
  url: string;
  token: string;
  conversations: string[];
  /** A live event came ahead of an earlier one (the client puts it in order; the soak counts it). */
  outOfOrder: (line: string) => void;
  /** The socket went away without the person closing it (a node killed or refusing it): a client reconnects. */
  lost: () => void;
  /** The server said ready (a client's reconnect backoff starts again from its first step). */
  ready: () => void;
}

/** A wait before trying again as `@parley/client` waits: random up to 250 ms x 2^attempt, at most 10 s. */
export const backoff = (attempt: number) => Math.random() * Math.min(10_000, 250 * 2 ** attempt);

export function connectSocket(p: ClientRecord, options: SocketOptions): PersonSocket {
  const { url, token, conversations, outOfOrder, lost, ready } = options;
  /** Resumes refused in a row, by conversation (each waits longer before it asks again). */
  const refused = new Map<string, number>();
  let closedByPerson = false;
  const waiting = new Map<string, (answer: Answer) => void>();
  let requests = 0;
  const last = new Map<string, number>();
  for (const [cid, seen] of Object.entries(p.seen)) last.set(cid, seen.at(-1) ?? 0);
  const liveLast = new Map<string, number>();
  const ws = new WebSocket(`${url}/ws`, [`parley.bearer.${token}`, 'parley.v2']);
  let resumes = 0;
  /**
   * One catch-up at a time per conversation, as `@parley/client` does (the id of the one in flight): a gap seen
   * meanwhile asks again once it is answered.
   */
  const resuming = new Map<string, string>();
  const again = new Set<string>();
  const resume = (cid: string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (resuming.has(cid)) return void again.add(cid);
    const id = `r:${cid}:${(resumes += 1)}`;
    resuming.set(cid, id);
    ws.send(JSON.stringify({ id, type: 'resume', conversationId: cid, lastEventSeq: last.get(cid) ?? 0 }));
    // Unanswered (a node paused past it): given up on, and asked again.
    setTimeout(() => answered(cid, id) && resume(cid), 15_000);
  };
  /** Frees the conversation when `id` is its resume in flight; whether it was. */
  const answered = (cid: string, id: string) => resuming.get(cid) === id && resuming.delete(cid);
  const apply = (e: { conversationId: string; eventSeq: number }) => {
    const at = last.get(e.conversationId) ?? 0;
    if (e.eventSeq <= at) return; // had it (documented: drop what you already have)
    if (e.eventSeq > at + 1) return resume(e.conversationId);
    last.set(e.conversationId, e.eventSeq);
    (p.seen[e.conversationId] ??= []).push(e.eventSeq);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- server frames, as the AsyncAPI document gives them
  const frame = (f: any) => {
    if (f.type === 'batch') return f.frames.forEach(frame);
    if (f.type === 'ready') {
      ready();
      return conversations.forEach(resume);
    }
    if (f.type === 'event' && typeof f.event.eventSeq === 'number') {
      const e = f.event;
      const [ahead, applied] = [liveLast.get(e.conversationId) ?? 0, last.get(e.conversationId) ?? 0];
      if (ahead > e.eventSeq && e.eventSeq > applied)
        outOfOrder(`live ${e.type} ${e.eventSeq} after ${ahead} (applied ${applied})`);
      liveLast.set(e.conversationId, Math.max(ahead, e.eventSeq));
      return apply(e);
    }
    if ((f.type === 'ack' || f.type === 'error') && waiting.has(String(f.id))) {
      waiting.get(String(f.id))!(f);
      waiting.delete(String(f.id));
      return;
    }
    if (f.type === 'ack' && String(f.id).startsWith('r:')) {
      const cid = String(f.id).split(':')[1]!;
      refused.delete(cid);
      for (const e of f.result.events) apply(e);
      if (answered(cid, String(f.id)) && (again.delete(cid) || f.result.hasMore)) resume(cid);
    }
    // A resume refused (the database away, a node paused): asked again, later each time, as a client keeps trying.
    if (f.type === 'error' && String(f.id).startsWith('r:')) {
      const cid = String(f.id).split(':')[1]!;
      if (!answered(cid, String(f.id))) return;
      again.delete(cid);
      const times = (refused.get(cid) ?? 0) + 1;
      refused.set(cid, times);
      setTimeout(() => resume(cid), backoff(times));
    }
  };
  ws.on('message', (data) => frame(JSON.parse(String(data))));
  ws.on('error', () => {});
  ws.on('close', () => {
    for (const resolve of waiting.values()) resolve({ type: 'error', error: { code: 'connection_lost' } });
    waiting.clear();
    if (!closedByPerson) lost();
  });
  const request = (body: object) =>
    new Promise<Answer>((resolve) => {
      if (ws.readyState !== ws.OPEN) return resolve({ type: 'error', error: { code: 'not_connected' } });
      const id = `q${(requests += 1)}`;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ ...body, id }));
      setTimeout(() => {
        if (waiting.delete(id)) resolve({ type: 'error', error: { code: 'timeout' } });
      }, 10_000);
    });
  const close = () => {
    closedByPerson = true;
    ws.close();
  };
  return { ws, close, request };
}
