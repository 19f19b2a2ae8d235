/**
 * Send -> deliver latency at a fixed send rate, against the same measured for a raw `ws` broadcast server
 * in the same run (interleaved, repeated). Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/latency.ts [rounds] [seconds]
 *
 * 1,000 sockets in groups of 10 (Parley, the embedded default in a child process: jobs included; or rooms
 * of a raw `ws` server in a child process, one broadcast to the room per POST). Senders post 200
 * messages/s in all, round-robin over the groups, for `seconds`; every socket records, for each message,
 * the time from the moment its POST left the client to its arrival.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { child, freePort, out, root, startParley } from './support.js';

const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 5);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const GROUP = Number(process.env.BENCH_GROUP_SIZE ?? 10);
const GROUPS = Math.ceil(SOCKETS / GROUP);

const RAW_SERVER = `
const http = require('node:http'); const { WebSocketServer } = require('ws');
const rooms = new Map();
const server = http.createServer((req, res) => {
  let body = ''; req.on('data', (d) => body += d); req.on('end', () => {
    const room = new URL(req.url, 'http://x').searchParams.get('room');
    const payload = { type: 'message.created', message: JSON.parse(body) };
    const frame = JSON.stringify({ type: 'event', event: { type: 'message.created', payload } });
    for (const s of rooms.get(room) ?? []) s.send(frame);
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const room = new URL(req.url, 'http://x').searchParams.get('room');
  if (!rooms.has(room)) rooms.set(room, new Set());
  rooms.get(room).add(ws); ws.on('close', () => rooms.get(room).delete(ws));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

/** Send time of each message by its marker, and the latencies seen by the sockets. */
const sentAt = new Map<string, number>();
let latencies: number[] = [];
const onFrame = (data: WebSocket.RawData) => {
  const text = String(data);
  const marker = /"content":"(lat-[0-9a-z-]+)/.exec(text)?.[1];
  const at = marker ? sentAt.get(marker) : undefined;
  if (at !== undefined) latencies.push(performance.now() - at);
};

async function openSockets(url: (i: number) => string, tokens: (string | undefined)[]): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 50) {
    sockets.push(
      ...(await Promise.all(
        tokens.slice(i, i + 50).map(async (token, k) => {
          const ws = new WebSocket(url(i + k), token ? { headers: { authorization: `Bearer ${token}` } } : {});
          ws.on('message', onFrame);
          await once(ws, 'open');
          return ws;
        }),
      )),
    );
  }
  return sockets;
}

interface Target {
  name: string;
  send: (marker: string, group: number) => Promise<void>;
  close: () => Promise<void>;
}

async function parleyTarget(): Promise<Target> {
  const { proc, port, post, register } = await startParley('latency');
  const users = await register(SOCKETS);
  const groups = [];
  for (let g = 0; g < GROUPS; g += 1) {
    const members = users.slice(g * GROUP, (g + 1) * GROUP);
    const created = await post(
      '/conversations',
      { kind: 'group', name: `Group ${g}`, memberIds: members.slice(1).map((m) => m.user.id) },
      members[0].accessToken,
    );
    groups.push({ id: created.id as string, sender: members[0].accessToken as string });
  }
  const sockets = await openSockets(
    () => `ws://127.0.0.1:${port}/ws`,
    users.map((u) => u.accessToken),
  );
  return {
    name: 'parley',
    send: async (marker, g) => {
      await post(
        `/conversations/${groups[g]!.id}/messages`,
        { content: marker, clientMessageId: marker },
        groups[g]!.sender,
      );
    },
    close: async () => {
      for (const s of sockets) s.terminate();
      proc.kill();
      await once(proc, 'exit');
    },
  };
}

async function rawTarget(): Promise<Target> {
  const port = await freePort();
  const proc = await child(['-e', RAW_SERVER], { PORT: String(port), NODE_PATH: `${root}/node_modules` }, 'raw ready');
  const sockets = await openSockets(
    (i) => `ws://127.0.0.1:${port}/ws?room=${Math.floor(i / GROUP)}`,
    Array.from({ length: SOCKETS }, () => undefined),
  );
  return {
    name: 'raw',
    send: async (marker, g) => {
      await (
        await fetch(`http://127.0.0.1:${port}/send?room=${g}`, {
          method: 'POST',
          body: JSON.stringify({ content: marker, padding: 'x'.repeat(600) }),
        })
      ).text();
    },
    close: async () => {
      for (const s of sockets) s.terminate();
      proc.kill();
      await once(proc, 'exit');
    },
  };
}

/** Sends at RATE per second for `seconds`, then waits for stragglers; returns p50 and p99 in ms. */
async function drive(target: Target, round: number): Promise<{ p50: number; p99: number; count: number }> {
  await new Promise((r) => setTimeout(r, 500));
  latencies = [];
  sentAt.clear();
  const total = RATE * seconds;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const marker = `lat-${target.name}-${round}-${i}`;
    sentAt.set(marker, performance.now());
    inFlight.push(target.send(marker, i % GROUPS));
  }
  await Promise.all(inFlight);
  await new Promise((r) => setTimeout(r, 1000));
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

const parley = await parleyTarget();
const raw = await rawTarget();
const results: Record<string, { p50: number[]; p99: number[] }> = {
  parley: { p50: [], p99: [] },
  raw: { p50: [], p99: [] },
};
for (let round = 0; round < rounds; round += 1) {
  for (const target of round % 2 === 0 ? [raw, parley] : [parley, raw]) {
    const r = await drive(target, round);
    results[target.name]!.p50.push(r.p50);
    results[target.name]!.p99.push(r.p99);
    if (r.count < GROUP * RATE * seconds)
      out(`  (${target.name}: ${r.count} of ${GROUP * RATE * seconds} deliveries measured)`);
  }
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)]!.toFixed(1)} (${s[0]!.toFixed(1)}-${s.at(-1)!.toFixed(1)})`;
};
out(`latency bench: ${SOCKETS} sockets in groups of ${GROUP}, ${RATE} sends/s for ${seconds} s, ${rounds} rounds`);
for (const name of ['parley', 'raw'])
  out(`${name}: send->deliver p50 ${stats(results[name]!.p50)} ms, p99 ${stats(results[name]!.p99)} ms`);
out('(median (min-max) over the rounds; measured at the clients, which share this process)');
await parley.close();
await raw.close();
