// Hostile bodies schemathesis does not generate, sent to every operation that takes a JSON body and over the
// socket: nesting thousands of levels deep, prototype keys, NUL and lone surrogates, huge numbers, wrong
// types at the top. Each must be refused with a 4xx and a stable error code (never a 5xx, a hang or a crash),
// and the server must still answer afterwards.
//   node scripts/fuzz-hostile.mjs <base-url> <access-token>        (run by scripts/fuzz.sh)
import WebSocket from 'ws';

const [base, token] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: node scripts/fuzz-hostile.mjs <base-url> <access-token>');
  process.exit(2);
}

const nested = (depth, leaf = 1) => {
  let text = JSON.stringify(leaf);
  for (let i = 0; i < depth; i += 1) text = i % 2 ? `{"a":${text}}` : `[${text}]`;
  return text;
};
const BODIES = {
  'arrays and objects nested 5,000 levels': `{"content":${nested(5000)}}`,
  'a body that is itself nested 5,000 levels': nested(5000),
  'a __proto__ key': '{"__proto__":{"admin":true},"content":"hi"}',
  'a constructor.prototype key': '{"constructor":{"prototype":{"admin":true}}}',
  'a NUL in a string': '{"content":"a\\u0000b","name":"x\\u0000"}',
  'a lone surrogate': '{"content":"\\ud800","name":"\\udfff"}',
  'a number too big for a double': `{"limit":1${'0'.repeat(400)},"size":1e400}`,
  'an array at the top': '[1,2,3]',
  'a string at the top': '"hello"',
  'null at the top': 'null',
};

const doc = await (await fetch(`${base}/api/openapi.json`)).json();
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops)
    .filter(([, op]) => op.requestBody?.content?.['application/json'])
    .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })),
);
let cases = 0;
const failures = [];
for (const { method, path } of operations)
  for (const [label, body] of Object.entries(BODIES)) {
    cases += 1;
    const res = await fetch(`${base}${path}`, {
      method,
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    }).catch((error) => ({ status: 0, error }));
    const answer = res.status ? await res.json().catch(() => null) : null;
    if (!(res.status >= 400 && res.status < 500) || typeof answer?.error?.code !== 'string')
      failures.push(`${method} ${path} with ${label}: ${res.status || res.error} ${JSON.stringify(answer)}`);
  }

// The socket: each hostile frame is answered with an error frame carrying a code, and the socket stays open.
const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, { headers: { authorization: `Bearer ${token}` } });
const frames = [];
ws.on('message', (data) => frames.push(JSON.parse(String(data))));
await new Promise((resolve, reject) => {
  ws.once('error', reject);
  const ready = setInterval(() => frames.some((f) => f.type === 'ready') && (clearInterval(ready), resolve()), 20);
});
for (const [label, body] of Object.entries({
  ...BODIES,
  'a send whose content is nested 5,000 levels':
    '{"id":"x","type":"message.send","conversationId":"c","content":' + nested(5000) + '}',
})) {
  cases += 1;
  const before = frames.length;
  ws.send(body);
  const end = Date.now() + 5000;
  while (frames.length === before && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  const frame = frames[before];
  if (frame?.type !== 'error' || typeof frame.error?.code !== 'string' || ws.readyState !== WebSocket.OPEN)
    failures.push(`socket frame with ${label}: ${JSON.stringify(frame)} (socket state ${ws.readyState})`);
}
ws.close();

const alive = await fetch(`${base}/ready`).then(
  (r) => r.status,
  () => 0,
);
if (alive !== 200) failures.push(`the server does not answer /ready afterwards (${alive})`);
console.log(
  `== hostile inputs: ${cases} cases (${operations.length} operations x ${Object.keys(BODIES).length} bodies, ` +
    `and the socket), ${failures.length} failures`,
);
for (const failure of failures.slice(0, 20)) console.log(`   ${failure}`);
process.exit(failures.length ? 1 : 0);
