/**
 * History pages over HTTP, side by side with a minimal server answering the same JSON, interleaved and
 * repeated in one run. Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/history.ts [rounds] [requests]
 *
 * Parley: the embedded server in a child process, one conversation of 500 messages, `GET` a page of 50
 * (authenticated, membership checked, views with reactions). Raw: a child process running a plain
 * `node:http` server that answers every GET with the bytes Parley answered for that page. Both get the
 * same client (this process, keep-alive) and the same concurrency.
 */
import { child, fmt, freePort, out, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 5);
const requests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 16;

const RAW_SERVER = `
const http = require('node:http'); const fs = require('node:fs');
const body = fs.readFileSync(process.env.BODY_FILE);
http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json; ' +
  'charset=utf-8', 'content-length': body.length }).end(body); })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

const { proc: parley, port, url, post, register } = await startParley('history', { RUN_JOBS: 'false' });
const [ann, bob] = await register(2);
const dm = await post('/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken);
for (let i = 0; i < 500; i += 1)
  await post(
    `/conversations/${dm.id}/messages`,
    { content: `message ${i} ${'x'.repeat(100)}` },
    i % 2 ? ann.accessToken : bob.accessToken,
  );
const pagePath = `/api/v1/conversations/${dm.id}/messages?limit=50`;
const sample = Buffer.from(
  await (await fetch(`${url}${pagePath}`, { headers: { authorization: `Bearer ${bob.accessToken}` } })).arrayBuffer(),
);
const bodyFile = `/tmp/parley-history-body-${port}.json`;
(await import('node:fs')).writeFileSync(bodyFile, sample);
const rawPort = await freePort();
const raw = await child(['-e', RAW_SERVER], { PORT: String(rawPort), BODY_FILE: bodyFile }, 'raw ready');

async function drive(target: string, headers: Record<string, string>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const r = await fetch(target, { headers });
        if (r.status !== 200) throw new Error(`${target}: ${r.status}`);
        await r.arrayBuffer();
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

const results = { parley: [] as number[], raw: [] as number[], ratio: [] as number[] };
await drive(`${url}${pagePath}`, { authorization: `Bearer ${bob.accessToken}` }); // warm both
await drive(`http://127.0.0.1:${rawPort}/`, {});
for (let round = 0; round < rounds; round += 1) {
  const got: Record<string, number> = {};
  for (const side of round % 2 === 0 ? ['raw', 'parley'] : ['parley', 'raw'])
    got[side] =
      side === 'raw'
        ? await drive(`http://127.0.0.1:${rawPort}/`, {})
        : await drive(`${url}${pagePath}`, { authorization: `Bearer ${bob.accessToken}` });
  results.parley.push(got.parley!);
  results.raw.push(got.raw!);
  results.ratio.push(got.parley! / got.raw!);
}
out(
  `history bench: ${rounds} rounds x ${requests} requests, concurrency ${CONCURRENCY}, pages of 50 (${sample.length} ` +
    `bytes)`,
);
out(
  `history pages/s: parley ${fmt(stats(results.parley))}, raw server of the same JSON ${fmt(stats(results.raw))}, ` +
    `ratio ${fmt(stats(results.ratio), 2)}`,
);
parley.kill();
raw.kill();
process.exit(0);
