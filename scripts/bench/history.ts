/**
 * History pages over HTTP, side by side with a minimal server answering the same JSON, interleaved and
 * repeated in one run. Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/history.ts [rounds] [requests]
 *
 * As people scroll back: one direct conversation of BENCH_HISTORY_MESSAGES (default 2,000) messages, each request
 * `GET` a page of 50 before a random seq (authenticated, membership checked, views with reactions), so no page is
 * the one read just before. Raw: a child process running a plain `node:http` server that answers
 * `GET /?before=<seq>` with the bytes Parley answered for that page (all of them read from Parley first). Both get
 * the same client (this process, keep-alive), the same sequence of positions and the same concurrency.
 * BENCH_HISTORY_SAME=1 reads one page every time instead (the friendliest case, for comparison).
 */
import { writeFileSync } from 'node:fs';
import { child, fmt, freePort, out, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 5);
const requests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 16;
const MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 2000);
const SAME = process.env.BENCH_HISTORY_SAME === '1';

const RAW_SERVER = `
const http = require('node:http'); const fs = require('node:fs');
const pages = JSON.parse(fs.readFileSync(process.env.BODY_FILE, 'utf8')).map((p) => Buffer.from(p));
http.createServer((req, res) => {
  const body = pages[Number(req.url.slice(req.url.indexOf('=') + 1))];
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

const { proc: parley, port, url, post, register } = await startParley('history', { RUN_JOBS: 'false' });
const [ann, bob] = await register(2);
const dm = await post('/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken);
for (let i = 0; i < MESSAGES; i += 1)
  await post(
    `/conversations/${dm.id}/messages`,
    { content: `message ${i} ${'x'.repeat(100)}` },
    i % 2 ? ann.accessToken : bob.accessToken,
  );
const auth = { authorization: `Bearer ${bob.accessToken}` };
const pagePath = (before: number) => `/api/v1/conversations/${dm.id}/messages?limit=50&before=${before}`;
// Every page a reader may ask for, as Parley answers it: the raw server's bodies.
const bodies: string[] = [];
for (let before = 0; before <= MESSAGES + 1; before += 1)
  bodies.push(before < 2 ? '{}' : await (await fetch(`${url}${pagePath(before)}`, { headers: auth })).text());
const bodyFile = `/tmp/parley-history-body-${port}.json`;
writeFileSync(bodyFile, JSON.stringify(bodies));
const rawPort = await freePort();
const raw = await child(['-e', RAW_SERVER], { PORT: String(rawPort), BODY_FILE: bodyFile }, 'raw ready');
/** Where each request of a round reads: random seqs (the same sequence for both servers in a round). */
const positions = (seed: number) => {
  let x = seed;
  return Array.from({ length: requests }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return SAME ? MESSAGES + 1 : 2 + (x % MESSAGES);
  });
};

async function drive(target: (before: number) => string, headers: Record<string, string>, seed: number) {
  const at = positions(seed);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const r = await fetch(target(at[i]!), { headers });
        if (r.status !== 200) throw new Error(`${target(at[i]!)}: ${r.status}`);
        await r.arrayBuffer();
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

const parleyAt = (before: number) => `${url}${pagePath(before)}`;
const rawAt = (before: number) => `http://127.0.0.1:${rawPort}/?before=${before}`;
const results = { parley: [] as number[], raw: [] as number[], ratio: [] as number[] };
await drive(parleyAt, auth, 1); // warm both
await drive(rawAt, {}, 1);
for (let round = 0; round < rounds; round += 1) {
  const got: Record<string, number> = {};
  for (const side of round % 2 === 0 ? ['raw', 'parley'] : ['parley', 'raw'])
    got[side] = side === 'raw' ? await drive(rawAt, {}, round + 7) : await drive(parleyAt, auth, round + 7);
  results.parley.push(got.parley!);
  results.raw.push(got.raw!);
  results.ratio.push(got.parley! / got.raw!);
}
const where = SAME ? 'of one page every time' : `at random positions in ${MESSAGES} messages`;
out(
  `history bench: ${rounds} rounds x ${requests} requests, concurrency ${CONCURRENCY}, pages of 50 ` +
    `(~${bodies[MESSAGES + 1]!.length} bytes) ${where}`,
);
out(
  `history pages/s: parley ${fmt(stats(results.parley))}, raw server of the same JSON ${fmt(stats(results.raw))}, ` +
    `ratio ${fmt(stats(results.ratio), 2)}`,
);
parley.kill();
raw.kill();
process.exit(0);
