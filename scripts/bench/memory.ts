/**
 * Memory per idle authenticated socket, side by side with a minimal raw `ws` server, interleaved and
 * repeated in one run. Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/memory.ts [rounds] [sockets]
 *
 * Each server runs in its own process with a probe that, on request, collects garbage fully and reports
 * `process.memoryUsage()`. Per round and side: measure with no sockets, open the sockets (Parley: one per
 * user, authenticated by header, counted once the server says `ready`; raw: a plain `ws` server that keeps
 * each socket with the user named in its header), measure again just after (0.5 s) and once idle (16 s:
 * past the 10 s during which the API keeps a connecting user's rows in its access cache, and its sweep),
 * close them all.
 * The measurement before opening also waits 16 s, so both start from an empty cache.
 * Per socket = (heap used + external memory) difference / sockets. Native memory (libuv handles, kernel
 * buffers) is the same per socket for both and is left out, which makes the ratio stricter, not looser;
 * the RSS difference is printed too, as a rough check.
 */
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { child, fmt, freePort, out, root, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 3);
const count = Number(process.argv[3] ?? 1000);
const PROBE = ['--expose-gc', '--require', `${root}/scripts/bench/memory-probe.cjs`];

const RAW_SERVER = `
const http = require('node:http'); const { WebSocketServer } = require('ws');
const server = http.createServer((req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
wss.on('connection', (ws, req) => { ws.userId = req.headers.authorization; ws.on('message', () => {}); });
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

interface Usage {
  heapUsed: number;
  external: number;
  rss: number;
}

/** Asks a probed server for its memory after a full collection. */
function memoryOf(proc: ChildProcess): Promise<Usage> {
  return new Promise((resolve) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d;
      const line = seen.split('\n').find((l) => l.startsWith('MEM '));
      if (line) {
        proc.stdout!.off('data', onData);
        resolve(JSON.parse(line.slice(4)) as Usage);
      }
    };
    proc.stdout!.on('data', onData);
    proc.kill('SIGUSR2');
  });
}

async function openSockets(url: string, tokens: string[], ready: (text: string) => boolean): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 50) {
    sockets.push(
      ...(await Promise.all(
        tokens.slice(i, i + 50).map(async (token) => {
          const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
          await new Promise<void>((resolve, reject) => {
            ws.once('error', reject);
            if (ready('')) ws.once('open', () => resolve());
            else
              ws.on('message', (data) => {
                if (ready(String(data))) resolve();
              });
          });
          return ws;
        }),
      )),
    );
  }
  return sockets;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const IDLE_MS = 16_000;

/**
 * One measurement: memory per socket (heap + external) just after connecting and once idle, and RSS per idle socket, in
 * bytes.
 */
async function measure(proc: ChildProcess, url: string, tokens: string[], ready: (text: string) => boolean) {
  await wait(IDLE_MS);
  const before = await memoryOf(proc);
  const sockets = await openSockets(url, tokens, ready);
  await wait(500);
  const fresh = await memoryOf(proc);
  await wait(IDLE_MS);
  const idle = await memoryOf(proc);
  for (const s of sockets) s.close();
  await Promise.all(sockets.map((s) => (s.readyState === WebSocket.CLOSED ? null : once(s, 'close'))));
  const per = (after: Usage) => (after.heapUsed + after.external - before.heapUsed - before.external) / tokens.length;
  return { fresh: per(fresh), perSocket: per(idle), rssPerSocket: (idle.rss - before.rss) / tokens.length };
}

const parley = await startParley('memory', { RUN_JOBS: 'false' }, PROBE);
const users = await parley.register(count);
const tokens = users.map((u) => u.accessToken as string);
const rawPort = await freePort();
const raw = await child(
  [...PROBE, '-e', RAW_SERVER],
  { PORT: String(rawPort), NODE_PATH: `${root}/node_modules` },
  'raw ready',
);

const sides = {
  parley: () =>
    measure(parley.proc, `ws://127.0.0.1:${parley.port}/ws`, tokens, (text) => text.startsWith('{"type":"ready"')),
  raw: () => measure(raw, `ws://127.0.0.1:${rawPort}/ws`, tokens, () => true),
};
await sides.parley(); // warm both (first sockets also grow pools and caches that later rounds reuse)
await sides.raw();
const results = {
  parley: [] as number[],
  raw: [] as number[],
  ratio: [] as number[],
  parleyRss: [] as number[],
  rawRss: [] as number[],
  parleyFresh: [] as number[],
  freshRatio: [] as number[],
};
for (let round = 0; round < rounds; round += 1) {
  const got: Record<string, { fresh: number; perSocket: number; rssPerSocket: number }> = {};
  for (const side of round % 2 === 0 ? (['raw', 'parley'] as const) : (['parley', 'raw'] as const))
    got[side] = await sides[side]();
  results.parley.push(got.parley!.perSocket / 1024);
  results.raw.push(got.raw!.perSocket / 1024);
  results.ratio.push(got.parley!.perSocket / got.raw!.perSocket);
  results.parleyRss.push(got.parley!.rssPerSocket / 1024);
  results.rawRss.push(got.raw!.rssPerSocket / 1024);
  results.parleyFresh.push(got.parley!.fresh / 1024);
  results.freshRatio.push(got.parley!.fresh / got.raw!.fresh);
}
out(`memory bench: ${rounds} rounds x ${count} idle authenticated sockets`);
out(
  `KiB per idle socket (heap + external, after full GC, ${IDLE_MS / 1000} s idle): parley ` +
    `${fmt(stats(results.parley), 1)}, raw ws ${fmt(stats(results.raw), 1)}, ratio ${fmt(stats(results.ratio), 2)}`,
);
out(
  `KiB per socket just connected (0.5 s; the user's rows still in the access cache): parley ` +
    `${fmt(stats(results.parleyFresh), 1)}, ratio ${fmt(stats(results.freshRatio), 2)}`,
);
out(
  `KiB per idle socket (RSS, rough): parley ${fmt(stats(results.parleyRss), 1)}, raw ws ` +
    `${fmt(stats(results.rawRss), 1)}`,
);
for (const proc of [parley.proc, raw]) {
  proc.kill();
  await once(proc, 'exit');
}
process.exit(0);
