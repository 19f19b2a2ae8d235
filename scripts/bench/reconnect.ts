/**
 * A reconnect storm: every socket dropped at once, messages sent while they are away, then all of them
 * reconnecting at once and catching up with `resume`. Side by side with a raw `ws` server that accepts
 * the same number of sockets at once and answers one request frame on each, interleaved and repeated.
 * Prints figures; asserts nothing (but counts gaps and failures, which must be 0).
 *   node --import tsx --conditions=@parley/source scripts/bench/reconnect.ts [rounds] [sockets]
 *
 * Parley: the embedded server in a child process; users in groups of 10, one socket each. Per round:
 * all sockets open and follow their group; each remembers its group's last eventSeq; all are terminated;
 * 2 messages per group are posted; then all sockets reconnect at once, and each sends `resume` with the
 * eventSeq it had, repeating while `hasMore`. A socket is resynced when it holds every event up to its
 * group's head with no gap. Times run from the first reconnect to each socket's resync.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { child, fmt, freePort, out, root, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 3);
const count = Number(process.argv[3] ?? 5000);
const GROUP = 10;
const MISSED_PER_GROUP = 2;

const RAW_SERVER = `
const http = require('node:http'); const { WebSocketServer } = require('ws');
const server = http.createServer((req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
const result = { events: [], lastEventSeq: 0, hasMore: false };
const answer = JSON.stringify({ type: 'ack', id: 'r', result, pad: 'x'.repeat(1500) });
wss.on('connection', (ws) => { ws.send('{"type":"ready"}'); ws.on('message', () => ws.send(answer)); });
server.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 8192 }, () => console.log('raw ready'));`;

interface Storm {
  p50: number;
  p99: number;
  all: number;
  resynced: number;
  gaps: number;
  failures: number;
}

/**
 * Opens every socket at once; `onOpen` sends the socket's request after `ready`; resolves per socket with its finish
 * time.
 */
async function storm(
  url: string,
  tokens: string[],
  request: (ws: WebSocket, i: number, done: (gap: boolean) => void) => void,
): Promise<Storm> {
  const started = performance.now();
  let gaps = 0;
  let failures = 0;
  const finished: number[] = [];
  const sockets: WebSocket[] = [];
  await Promise.all(
    tokens.map(
      (token, i) =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
          sockets.push(ws);
          let settled = false;
          const settle = (ok: boolean, gap = false) => {
            if (settled) return;
            settled = true;
            if (ok) finished.push(performance.now() - started);
            else failures += 1;
            if (gap) gaps += 1;
            resolve();
          };
          ws.on('error', () => settle(false));
          ws.on('close', () => settle(false));
          request(ws, i, (gap) => settle(!gap, gap));
        }),
    ),
  );
  for (const ws of sockets) ws.terminate();
  const sorted = finished.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * count) - 1)] ?? Infinity;
  return {
    p50: at(0.5),
    p99: sorted.length >= Math.ceil(0.99 * count) ? at(0.99) : Infinity,
    all: sorted.length === count ? sorted.at(-1)! : Infinity,
    resynced: sorted.length,
    gaps,
    failures,
  };
}

// ---- Parley
const parley = await startParley('storm', { RUN_JOBS: 'false', WS_COMMANDS_PER_SECOND: '1000' });
const setupStarted = performance.now();
const users = await parley.register(count);
const groups: { id: string; members: number[] }[] = [];
for (let g = 0; g * GROUP < count; g += 1) {
  const members = Array.from({ length: Math.min(GROUP, count - g * GROUP) }, (_, k) => g * GROUP + k);
  const conversation = await parley.post(
    '/conversations',
    { kind: 'group', name: `g${g}`, memberIds: members.slice(1).map((m) => users[m].user.id) },
    users[members[0]!].accessToken,
  );
  groups.push({ id: conversation.id, members });
}
const groupOf = (i: number) => groups[Math.floor(i / GROUP)]!;
const tokens = users.map((u) => u.accessToken as string);
/** The last eventSeq each socket holds for its group, and each group's head. */
const held = new Array<number>(count).fill(0);
const head = new Map<string, number>();
const wsUrl = `ws://127.0.0.1:${parley.port}/ws`;
out(
  `reconnect bench: set-up of ${count} users in ${groups.length} groups took ` +
    `${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
);

async function postMissed(): Promise<void> {
  const jobs = groups.flatMap((g) => Array.from({ length: MISSED_PER_GROUP }, (_, k) => ({ g, k })));
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let j = next++; j < jobs.length; j = next++) {
        const { g, k } = jobs[j]!;
        const message = await parley.post(
          `/conversations/${g.id}/messages`,
          { content: `missed ${k}` },
          tokens[g.members[k % g.members.length]!],
        );
        head.set(g.id, Math.max(head.get(g.id) ?? 0, message.eventSeq));
      }
    }),
  );
}

/**
 * One socket's catch-up: resume from what it holds until it reaches its group's head, checking every eventSeq follows
 * the last.
 */
function resume(ws: WebSocket, i: number, done: (gap: boolean) => void): void {
  const group = groupOf(i);
  let last = held[i]!;
  let asked = 0;
  const ask = () =>
    ws.send(JSON.stringify({ id: `r${asked++}`, type: 'resume', conversationId: group.id, lastEventSeq: last }));
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'ready') return ask();
    // live duplicate of one resumed
    if (frame.type === 'event' && frame.event.conversationId === group.id && frame.event.eventSeq <= last) return;
    if (frame.type !== 'ack' || !frame.result?.events) return;
    for (const event of frame.result.events as { eventSeq: number }[]) {
      if (event.eventSeq !== last + 1) return done(true);
      last = event.eventSeq;
    }
    if (frame.result.hasMore) return ask();
    held[i] = last;
    done(last !== head.get(group.id));
  });
}

const sides = {
  async parley(): Promise<Storm> {
    await postMissed();
    return storm(wsUrl, tokens, resume);
  },
  async raw(): Promise<Storm> {
    return storm(`ws://127.0.0.1:${rawPort}/ws`, tokens, (ws, _i, done) =>
      ws.on('message', (data) => {
        if (String(data).startsWith('{"type":"ready"')) ws.send('{"id":"r","type":"resume"}');
        else done(false);
      }),
    );
  },
};

const rawPort = await freePort();
const raw = await child(['-e', RAW_SERVER], { PORT: String(rawPort), NODE_PATH: `${root}/node_modules` }, 'raw ready');
// Every socket starts from its group's head as it was before the first drop.
for (const g of groups) {
  const events = (await fetch(`${parley.url}/api/v1/conversations/${g.id}/events?after=0&limit=500`, {
    headers: { authorization: `Bearer ${tokens[g.members[0]!]}` },
  }).then((r) => r.json())) as { lastEventSeq: number };
  head.set(g.id, events.lastEventSeq);
  for (const m of g.members) held[m] = events.lastEventSeq;
}

const results = { parley: [] as Storm[], raw: [] as Storm[] };
for (let round = 0; round < rounds; round += 1) {
  for (const side of round % 2 === 0 ? (['raw', 'parley'] as const) : (['parley', 'raw'] as const)) {
    results[side].push(await sides[side]());
    await new Promise((r) => setTimeout(r, 1000)); // let the server finish closing the dropped sockets
  }
}
const s = (xs: number[]) => fmt(stats(xs.map((x) => x / 1000)), 2);
out(
  `reconnect storm: ${rounds} rounds x ${count} sockets at once, ${MISSED_PER_GROUP} missed messages per group of ` +
    `${GROUP}`,
);
for (const side of ['parley', 'raw'] as const) {
  const r = results[side];
  out(
    `${side}: 50% resynced in ${s(r.map((x) => x.p50))} s, 99% in ${s(r.map((x) => x.p99))} s, all in ` +
      `${s(r.map((x) => x.all))} s; ` +
      `resynced ${r.map((x) => x.resynced).join('/')}, gaps ${r.map((x) => x.gaps).join('/')}, failures ` +
      `${r.map((x) => x.failures).join('/')}`,
  );
}
out(
  `ratio (parley / raw) of the time to 99%: ` +
    `${fmt(stats(results.parley.map((p, i) => p.p99 / results.raw[i]!.p99)), 2)}`,
);
for (const proc of [parley.proc, raw]) {
  proc.kill();
  await once(proc, 'exit');
}
process.exit(0);
