/**
 * Realtime fan-out, side by side with a minimal raw `ws` server, interleaved and repeated in one run.
 * Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/fanout.ts [rounds] [messages]
 *
 * Parley: the embedded server in a child process; one channel whose owner and subscribers each hold a
 * socket; the owner posts messages over HTTP and every socket receives each `message.created` event.
 * Raw: a child process running a plain `ws` server that, per HTTP POST, broadcasts one JSON frame of the
 * same size to every socket (serialised once per broadcast, as a minimal server would).
 * Both get the same clients in this process, the same number of messages and the same send concurrency;
 * deliveries/s = sockets x messages / (first send to last delivery).
 * BENCH_SEND=http,ws (the default: both, each its own table row): how the sender's messages arrive — an
 * HTTP POST each (REST), or a frame each on the sender's own socket (Parley's `message.send`, acknowledged;
 * raw: a frame it broadcasts and acknowledges), which is how a connected chat client sends.
 * BENCH_FRAMES=batched,single (the default: both): Parley's clients offer the `parley.v2` subprotocol (what waits
 * for a socket in one turn of the server comes in one batch frame) or `parley.v1` (one frame per event; several
 * may share a TCP write). Frames per delivery are counted at the clients.
 * BENCH_JOBS=in-process: the jobs (notifications, bots) run in the API process, as `npm start`'s embedded default
 * runs them; by default they are off, as on an API node beside workers.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { child, cpuMicros, fmt, freePort, out, profileArgs, root, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 3);
const messages = Number(process.argv[3] ?? 100);
const LEVELS = (process.env.BENCH_SOCKETS ?? '200,1000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TRANSPORTS = (process.env.BENCH_SEND ?? 'http,ws').split(',') as ('http' | 'ws')[];
const FRAMINGS = (process.env.BENCH_FRAMES ?? 'batched,single').split(',') as ('batched' | 'single')[];

// ---- The raw baseline: a plain ws server broadcasting a same-sized frame per POST
const RAW_SERVER = `
const http = require('node:http'); const { WebSocketServer } = require('ws');
const server = http.createServer((req, res) => {
  let body = ''; req.on('data', (d) => body += d); req.on('end', () => {
    const frame = JSON.stringify({ type: 'event', event: JSON.parse(body) });
    for (const s of wss.clients) s.send(frame);
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
// A frame from a client: broadcast it the same way, and acknowledge it to its sender.
wss.on('connection', (ws) => ws.on('message', (data) => {
  const command = JSON.parse(String(data));
  const frame = JSON.stringify({ type: 'event', event: command.event });
  for (const s of wss.clients) s.send(frame);
  ws.send(JSON.stringify({ type: 'ack', id: command.id, result: {} }));
}));
process.on('SIGTERM', () => process.exit(0)); // exits cleanly, so a CPU profile gets written
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

interface Target {
  name: string;
  url: string;
  pid: number;
  sockets: WebSocket[];
  send: (i: number) => Promise<void>;
  close: () => Promise<void>;
}

/** Sends command frames on a socket, each resolved by the `ack` (or `error`) that names its id. */
function commandsOn(ws: WebSocket): (frame: Record<string, unknown>) => Promise<void> {
  const waiting = new Map<string, () => void>();
  let next = 0;
  const settle = (reply: { type: string; id: string; error?: unknown }) => {
    if (reply.type !== 'ack' && reply.type !== 'error') return;
    if (reply.error) out(`  (command refused: ${JSON.stringify(reply.error)})`);
    waiting.get(reply.id)?.();
    waiting.delete(reply.id);
  };
  ws.on('message', (data) => {
    const text = String(data);
    if (text.startsWith('{"type":"batch"')) for (const frame of JSON.parse(text).frames) settle(frame);
    else if (text.startsWith('{"type":"ack"') || text.startsWith('{"type":"error"')) settle(JSON.parse(text));
  });
  return (frame) =>
    new Promise<void>((resolve) => {
      const id = String(next++);
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ ...frame, id }));
    });
}

const EVENT_MARK = '{"type":"event"';
const CREATED_MARK = '"payload":{"type":"message.created"';

/** Counts one event frame's delivery (a message.created, or the raw server's), or another event. */
function countEvent(text: string, onEvent: () => void): void {
  if (!text.startsWith('{"type":"event"')) return;
  if (text.includes('"payload":{"type":"message.created"') || !text.includes('"payload"')) onEvent();
  else others += 1;
}

async function openSockets(
  url: string,
  tokens: (string | undefined)[],
  onEvent: () => void,
  protocol?: string,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 50) {
    sockets.push(
      ...(await Promise.all(
        tokens.slice(i, i + 50).map(async (token) => {
          const ws = new WebSocket(
            url,
            protocol ? [protocol] : [],
            token ? { headers: { authorization: `Bearer ${token}` } } : {},
          );
          ws.on('message', (data) => {
            const text = String(data);
            framesSeen += 1;
            if (!text.startsWith('{"type":"batch"')) return countEvent(text, onEvent);
            // As cheap as the check on a single frame (no parse): the events in the batch, by their markers.
            for (let at = text.indexOf(EVENT_MARK); at !== -1; at = text.indexOf(EVENT_MARK, at + 1))
              if (text.startsWith(CREATED_MARK, text.indexOf('"payload":', at))) onEvent();
              else others += 1;
          });
          await once(ws, 'open');
          return ws;
        }),
      )),
    );
  }
  return sockets;
}

let delivered = 0;
/** WebSocket frames the clients got (a batch counts one). */
let framesSeen = 0;
/** Other events the clients got (receipts, typing...): reported, not counted as deliveries. */
let others = 0;
/**
 * Resolved by the delivery that completes a run: waiting costs no CPU (the clients share the cores with the servers).
 */
let allDelivered: { expected: number; resolve: () => void } | null = null;
const countDelivery = () => {
  delivered += 1;
  if (allDelivered && delivered >= allDelivered.expected) allDelivered.resolve();
};

async function rawTarget(sockets: number, sampleEvent: unknown, transport: 'http' | 'ws'): Promise<Target> {
  const port = await freePort();
  const proc = await child(
    [...profileArgs(), '-e', RAW_SERVER],
    { PORT: String(port), NODE_PATH: `${root}/node_modules` },
    'raw ready',
  );
  const url = `http://127.0.0.1:${port}`;
  const opened = await openSockets(
    `ws://127.0.0.1:${port}/ws`,
    Array.from({ length: sockets }, () => undefined),
    countDelivery,
  );
  const body = JSON.stringify(sampleEvent);
  const command = commandsOn(opened[0]!);
  return {
    name: 'raw',
    url,
    pid: proc.pid!,
    sockets: opened,
    send:
      transport === 'ws'
        ? () => command({ type: 'broadcast', event: sampleEvent })
        : async () => {
            await (await fetch(`${url}/send`, { method: 'POST', body })).text();
          },
    close: async () => {
      for (const s of opened) s.terminate();
      proc.kill();
      await once(proc, 'exit');
    },
  };
}

async function parleyTarget(
  sockets: number,
  transport: 'http' | 'ws',
  framing: 'batched' | 'single',
): Promise<Target & { sample: unknown }> {
  // Notifications (offline push) are the workers' job in production, not the API node's: measured apart.
  // The sender's socket may send as fast as the bench does (the per-socket command limit is for abuse).
  const { proc, port, url, post, register } = await startParley('fanout', {
    RUN_JOBS: process.env.BENCH_JOBS === 'in-process' ? 'true' : 'false',
    WS_COMMANDS_PER_SECOND: '1000000',
  });
  const [owner, ...subscribers] = await register(sockets);
  const channel = await post(
    '/conversations',
    { kind: 'channel', name: 'Fan-out', memberIds: subscribers.map((s) => s.user.id) },
    owner.accessToken,
  );
  const opened = await openSockets(
    `ws://127.0.0.1:${port}/ws`,
    [owner, ...subscribers].map((u) => u.accessToken),
    countDelivery,
    framing === 'batched' ? 'parley.v2' : 'parley.v1',
  );
  await new Promise((r) => setTimeout(r, 300)); // let subscriptions settle
  const sample = await post(
    `/conversations/${channel.id}/messages`,
    { content: 'x'.repeat(280), clientMessageId: 'sample' },
    owner.accessToken,
  );
  const command = commandsOn(opened[0]!);
  return {
    name: 'parley',
    url,
    pid: proc.pid!,
    sockets: opened,
    sample: {
      type: 'message.created',
      conversationId: channel.id,
      eventSeq: sample.eventSeq,
      payload: { type: 'message.created', message: sample },
    },
    send:
      transport === 'ws'
        ? (i) =>
            command({
              type: 'message.send',
              conversationId: channel.id,
              content: 'x'.repeat(280),
              clientMessageId: `m${i}-${Date.now()}`,
            })
        : async (i) => {
            await post(
              `/conversations/${channel.id}/messages`,
              { content: 'x'.repeat(280), clientMessageId: `m${i}-${Date.now()}` },
              owner.accessToken,
            );
          },
    close: async () => {
      for (const s of opened) s.terminate();
      proc.kill();
      await once(proc, 'exit');
    },
  };
}

/** Server CPU per delivery in the last run, µs; and frames per delivery. */
let lastCpu = 0;
let lastFrames = 0;

/** Sends `messages` with CONCURRENCY in flight; returns deliveries per second until every socket has all. */
async function drive(target: Target): Promise<number> {
  await new Promise((r) => setTimeout(r, 300));
  delivered = 0;
  framesSeen = 0;
  const expected = target.sockets.length * messages;
  const done = new Promise<void>((resolve) => {
    allDelivered = { expected, resolve };
  });
  const cpuBefore = cpuMicros(target.pid);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < messages; i = next++) await target.send(i);
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    done,
    new Promise((r) => {
      timer = setTimeout(r, 60_000);
    }),
  ]);
  clearTimeout(timer);
  allDelivered = null;
  const elapsed = (performance.now() - started) / 1000;
  lastCpu = (cpuMicros(target.pid) - cpuBefore) / Math.max(1, delivered);
  lastFrames = framesSeen / Math.max(1, delivered);
  if (delivered < expected) out(`  (${target.name}: only ${delivered}/${expected} delivered within 60 s)`);
  if (others > 0) out(`  (${target.name}: ${others} other events besides the ${delivered} message deliveries)`);
  others = 0;
  return delivered / elapsed;
}

out(
  `fan-out bench: ${rounds} rounds x ${messages} messages per run, sockets ${LEVELS.join(' and ')}, concurrency ` +
    `${CONCURRENCY}, sends over ${TRANSPORTS.join(' and ')}, jobs ` +
    `${process.env.BENCH_JOBS === 'in-process' ? 'in the API process (the embedded default)' : 'off (an API node)'}`,
);
for (const transport of TRANSPORTS)
  for (const framing of FRAMINGS)
    for (const sockets of LEVELS) {
      const parley = await parleyTarget(sockets, transport, framing);
      const frameBytes = Buffer.byteLength(JSON.stringify({ type: 'event', event: parley.sample }));
      const raw = await rawTarget(sockets, parley.sample, transport);
      const results = {
        parley: [] as number[],
        raw: [] as number[],
        ratio: [] as number[],
        parleyCpu: [] as number[],
        rawCpu: [] as number[],
        parleyFrames: [] as number[],
        rawFrames: [] as number[],
      };
      // Warm both (JIT, pools, caches) with one unrecorded run each, as the other benches do: a server's first
      // few hundred requests run cold code and would measure start-up, not fan-out.
      for (const target of [raw, parley]) await drive(target);
      for (let round = 0; round < rounds; round += 1) {
        const order = round % 2 === 0 ? [raw, parley] : [parley, raw];
        const got: Record<string, number> = {};
        for (const target of order) {
          got[target.name] = await drive(target);
          results[target.name === 'raw' ? 'rawCpu' : 'parleyCpu'].push(lastCpu);
          results[target.name === 'raw' ? 'rawFrames' : 'parleyFrames'].push(lastFrames);
        }
        results.parley.push(got.parley!);
        results.raw.push(got.raw!);
        results.ratio.push(got.parley! / got.raw!);
      }
      out(
        `${sockets} sockets, sends over ${transport}, ${framing} frames, ~${frameBytes}-byte events: ` +
          `deliveries/s parley ` +
          `${fmt(stats(results.parley))}, raw ws ${fmt(stats(results.raw))}, ratio ${fmt(stats(results.ratio), 2)}`,
      );
      out(
        `  server CPU per delivery: parley ${fmt(stats(results.parleyCpu), 1)} µs, raw ws ` +
          `${fmt(stats(results.rawCpu), 1)} µs; frames per delivery: parley ${fmt(stats(results.parleyFrames), 2)}, ` +
          `raw ${fmt(stats(results.rawFrames), 2)}`,
      );
      await parley.close();
      await raw.close();
    }
out('(median (min-max) over the rounds; both servers in their own process, the clients in this one)');
