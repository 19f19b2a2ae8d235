import { afterEach, describe, expect, it } from 'vitest';
import type { Message, MessageDraft, Ports } from '@parley/core';
import { TOKENS } from '@parley/runtime';
import { startTestApi } from '../../apps/api/src/test-server.js';
import type { RunningApi } from '../../apps/api/src/server.js';
import { checkHistory, formatReport, violations, type ClientRecord, type Truth } from './checker.js';
import { readConversation, readViews, type Get } from './readback.js';

/**
 * The soak's checker against a real API server that is broken on purpose: its message store acknowledges every
 * third send before the insert, and the insert never happens (as if the process died in between). The same
 * people, sends and read-back as the soak (readback.ts), on the embedded adapters; the same run on an unbroken
 * server finds nothing. (checker.spec.ts feeds the checker hand-made histories of every other kind.)
 */
let api: RunningApi | null = null;
afterEach(async () => {
  await api?.stop();
  api = null;
});

/** Acknowledges every `nth` append with the seq the store would have given it, and stores nothing. */
function ackBeforeInsert(ports: Ports, nth: number): void {
  const store = ports.messages;
  const append = store.append.bind(store);
  const last = new Map<string, { seq: number; eventSeq: number }>();
  let calls = 0;
  store.append = async (draft: MessageDraft, outbox) => {
    const at = last.get(draft.conversationId) ?? { seq: 0, eventSeq: 0 };
    if ((calls += 1) % nth === 0) {
      const message: Message = { ...draft, seq: at.seq + 1, eventSeq: at.eventSeq + 1 };
      return { message, created: true, outbox: outbox ?? null };
    }
    const stored = await append(draft, outbox);
    last.set(draft.conversationId, { seq: stored.message.seq, eventSeq: stored.message.eventSeq });
    return stored;
  };
}

async function soakLikeRun(broken: boolean): Promise<{ clients: ClientRecord[]; truth: Truth; sent: string[] }> {
  api = await startTestApi();
  if (broken) ackBeforeInsert(api.container.get<Ports>(TOKENS.Ports), 3);
  const url = api.url;
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const get: Get = async (path, token) => {
    const r = await call('GET', path, token);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const people: (ClientRecord & { token: string })[] = [];
  for (const name of ['ann', 'bob', 'cy']) {
    const r = await call('POST', '/auth/register', undefined, {
      email: `${name}@broken.test`,
      username: `${name}_broken`,
      password: 'correct horse battery',
    });
    people.push({ userId: r.body.user.id, token: r.body.accessToken, acks: [], seen: {}, edits: [], deletes: [] });
  }
  const group = await call('POST', '/conversations', people[0]!.token, {
    kind: 'group',
    name: 'checked',
    memberIds: people.slice(1).map((p) => p.userId),
  });
  const cid = group.body.id as string;
  const sent: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const p = people[i % people.length]!;
    const clientMessageId = `${p.userId}-${i}`;
    const r = await call('POST', `/conversations/${cid}/messages`, p.token, { content: `m ${i}`, clientMessageId });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    p.acks.push({ conversationId: cid, senderId: p.userId, clientMessageId, id: r.body.id, seq: r.body.seq });
    sent.push(r.body.id);
  }
  const truth: Truth = { conversations: { [cid]: await readConversation(get, cid, people[0]!.token) } };
  for (const p of people) p.views = await readViews(get, p.token, [cid]);
  return { clients: people, truth, sent };
}

describe("the soak's checker against a real server", () => {
  it('fails a build that acknowledges sends before the insert, naming each lost message', async () => {
    const { clients, truth, sent } = await soakLikeRun(true);
    const report = checkHistory(clients, truth);
    const printed = formatReport(report);
    expect(report.acknowledged).toBe(12);
    expect(report.lost).toHaveLength(4);
    expect(violations(report)).toBeGreaterThanOrEqual(4);
    // Every third append: the 3rd, 6th, 9th and 12th send.
    for (const id of sent.filter((_, i) => (i + 1) % 3 === 0)) expect(printed).toContain(`acknowledged as ${id}`);
    expect(printed).toMatch(/^acknowledged 12, stored 8; lost 4,/);
  });

  it('finds nothing wrong with the same run on an unbroken server', async () => {
    const { clients, truth } = await soakLikeRun(false);
    const report = checkHistory(clients, truth);
    expect(violations(report), formatReport(report)).toBe(0);
    expect(report).toMatchObject({ acknowledged: 12, stored: 12 });
  });
});
