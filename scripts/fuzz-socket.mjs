// Fuzzes the socket's commands against the AsyncAPI document, at rate: several sockets send frames drawn from each
// command's schema (with real conversation and message ids half the time) and frames broken on purpose (a required
// field gone, a wrong type, an unknown field, an unknown command, something not an object, not JSON at all). Checks:
// every frame with an id gets exactly one answer (ack, pong or error) with that id; a broken frame is never acked;
// every frame the server sends is one the document describes; no socket is closed under the fuzzer; the server still
// answers afterwards. Prints counts; exits 1 on any violation, with examples.
//   node scripts/fuzz-socket.mjs <base-url> <access-token> [seconds] [seed]       (run by scripts/fuzz.sh)
import Ajv from 'ajv';
import WebSocket from 'ws';

const [base, token, secondsArg, seedArg] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: node scripts/fuzz-socket.mjs <base-url> <access-token> [seconds] [seed]');
  process.exit(2);
}
const seconds = Number(secondsArg ?? 20);
const SOCKETS = 6;
const PER_SECOND = 40; // per socket: above the gateway's 30 a second, so rate limiting is fuzzed too
let seed = Number(seedArg ?? Date.now() % 2 ** 31);
console.log(`== socket fuzz: ${SOCKETS} sockets, ${PER_SECOND} frames/s each, ${seconds}s, seed ${seed}`);
/** A small seeded generator (mulberry32), so a run can be replayed. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const api = async (path, init = {}) => {
  const r = await fetch(`${base}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
};
// Real ids: a group of the fuzzer's own with a few messages in it.
const conversation = (
  await api('/conversations', { method: 'POST', body: JSON.stringify({ kind: 'group', name: 'socket fuzz' }) })
).id;
const messages = [];
for (let i = 0; i < 3; i += 1)
  messages.push(
    (
      await api(`/conversations/${conversation}/messages`, {
        method: 'POST',
        body: JSON.stringify({ content: `m${i}` }),
      })
    ).id,
  );

const doc = await (await fetch(`${base}/api/asyncapi.json`)).json();
const all = Object.values(doc.components.messages);
const commands = all.filter((m) => m.title?.startsWith('command '));
// (formats are not checked: the document's date-times are checked over REST by schemathesis)
const ajv = new Ajv({ strict: false, validateFormats: false, logger: false });
const serverFrames = all
  .filter((m) => !m.title?.startsWith('command '))
  .map((m) => ajv.compile({ ...m.payload, components: { schemas: doc.components.schemas } }));
const documented = (frame) => serverFrames.some((validate) => validate(frame));

const STRINGS = ['', 'x', 'hello', ' ', '\u0000', '\ud800', '👍🏽', 'a'.repeat(300), '<script>', '../..', '%00'];
const REAL = { conversationId: () => conversation, messageId: () => pick(messages), replyToId: () => pick(messages) };
/** A value the schema allows (real ids for the fields that name things, half the time). */
function valid(schema, name, depth = 0) {
  if (schema.anyOf || schema.oneOf) return valid(pick(schema.anyOf ?? schema.oneOf), name, depth + 1);
  if (schema.enum) return pick(schema.enum);
  const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type;
  if (REAL[name] && type === 'string' && random() < 0.5) return REAL[name]();
  switch (type) {
    case 'object': {
      const out = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {}))
        if ((schema.required ?? []).includes(key) || random() < 0.5) out[key] = valid(sub, key, depth + 1);
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const length = min + Math.floor(random() * (Math.min(schema.maxItems ?? 3, min + 3) - min + 1));
      return depth > 4 ? [] : Array.from({ length }, () => valid(schema.items ?? {}, name, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? -1e6;
      const hi = Math.min(schema.maximum ?? 1e6, lo + pick([1, 10, 1000, 2 ** 40]));
      const n = lo + random() * (hi - lo);
      return type === 'integer' ? Math.floor(n) : n;
    }
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    case 'string': {
      const s = pick(STRINGS);
      return schema.maxLength !== undefined ? s.slice(0, schema.maxLength) : s;
    }
    default:
      return pick([1, 'x', null, true]);
  }
}
/** A frame broken on purpose, and how: each must be refused (an error frame), never acked. */
function broken(command, id) {
  const frame = valid(command.payload);
  frame.id = id;
  const fields = Object.keys(command.payload.properties ?? {}).filter((k) => k !== 'id' && k !== 'type');
  const required = (command.payload.required ?? []).filter((k) => k !== 'id' && k !== 'type');
  const ways = [
    ['an unknown field', () => ({ ...frame, injected: true })],
    ['an unknown command', () => ({ ...frame, type: `${frame.type}.nope` })],
    ['no type', () => ({ id })],
  ];
  if (required.length > 0)
    ways.push([
      'a required field missing',
      () => {
        const copy = { ...frame };
        delete copy[pick(required)];
        return copy;
      },
    ]);
  if (fields.length > 0) {
    const field = pick(fields);
    const type = command.payload.properties[field].type;
    ways.push([
      `${field} of the wrong type`,
      () => ({ ...frame, [field]: type === 'object' ? 'text' : { wrong: [] } }),
    ]);
  }
  const [how, make] = pick(ways);
  return { how, frame: make() };
}

const failures = [];
const fail = (what) => {
  if (failures.length < 200) failures.push(what);
};
const counts = { sent: 0, valid: 0, broken: 0, notJson: 0, acked: 0, pong: 0, errors: {}, events: 0, batches: 0 };
const pending = new Map(); // id -> { what, broken, at, answers }

function answer(frame) {
  if (!documented(frame)) fail(`undocumented frame: ${JSON.stringify(frame).slice(0, 300)}`);
  if (frame.type === 'batch') {
    counts.batches += 1;
    for (const inner of frame.frames ?? []) answer(inner);
    return;
  }
  if (frame.type === 'event') counts.events += 1;
  if (frame.type === 'error') counts.errors[frame.error?.code] = (counts.errors[frame.error?.code] ?? 0) + 1;
  if (!['ack', 'pong', 'error'].includes(frame.type) || frame.id === null || frame.id === undefined) return;
  const entry = pending.get(String(frame.id));
  if (!entry) return fail(`an answer to no frame of ours: ${JSON.stringify(frame).slice(0, 200)}`);
  entry.answers += 1;
  if (entry.answers > 1) fail(`answered twice: ${entry.what}`);
  if (frame.type === 'ack') counts.acked += 1;
  if (frame.type === 'pong') counts.pong += 1;
  if (frame.type === 'ack' && entry.broken) fail(`a broken frame was acked (${entry.broken}): ${entry.what}`);
}

async function open(i) {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/ws`, [`parley.bearer.${token}`, 'parley.v2']);
  socket.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return fail(`a frame that is not JSON: ${String(data).slice(0, 200)}`);
    }
    answer(frame);
  });
  socket.on('close', (code, reason) => {
    if (!socket.closingOnPurpose) fail(`socket ${i} closed under the fuzzer: ${code} ${reason}`);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

const sockets = await Promise.all(Array.from({ length: SOCKETS }, (_, i) => open(i)));
let next = 0;
const started = Date.now();
await Promise.all(
  sockets.map(async (socket) => {
    while (Date.now() - started < seconds * 1000) {
      const id = `f${(next += 1)}`;
      const command = pick(commands);
      const roll = random();
      let text;
      if (roll < 0.05) {
        text = pick(['{"id":"', 'not json', '[1,2', '{"id":"x","type":"ping"', '\u0000']);
        counts.notJson += 1;
      } else if (roll < 0.4) {
        const { how, frame } = broken(command, id);
        pending.set(id, { what: JSON.stringify(frame).slice(0, 300), broken: how, at: Date.now(), answers: 0 });
        text = JSON.stringify(frame);
        counts.broken += 1;
      } else {
        const frame = { ...valid(command.payload), id: random() < 0.8 ? id : Number(id.slice(1)) };
        const what = JSON.stringify(frame).slice(0, 300);
        pending.set(String(frame.id), { what, broken: null, at: Date.now(), answers: 0 });
        text = JSON.stringify(frame);
        counts.valid += 1;
      }
      socket.send(text);
      counts.sent += 1;
      await new Promise((r) => setTimeout(r, 1000 / PER_SECOND));
    }
  }),
);
// Every frame with an id has its one answer within 5 s of the last frame.
const deadline = Date.now() + 5000;
while (Date.now() < deadline && [...pending.values()].some((e) => e.answers === 0))
  await new Promise((r) => setTimeout(r, 100));
for (const entry of pending.values()) if (entry.answers === 0) fail(`no answer: ${entry.what}`);
for (const socket of sockets) {
  socket.closingOnPurpose = true;
  socket.close(1000);
}
// A frame over the size limit closes its socket with 1009, as documented; the server carries on.
const big = await open('big');
const closed = new Promise((resolve) => big.once('close', (code) => resolve(code)));
big.closingOnPurpose = true;
big.send(JSON.stringify({ id: 'big', type: 'ping', pad: 'x'.repeat(70 * 1024) }));
const code = await Promise.race([closed, new Promise((r) => setTimeout(() => r('no close'), 5000))]);
if (code !== 1009) fail(`an oversized frame: closed with ${code}, the document says 1009`);
const health = await fetch(`${base}/health`).catch(() => null);
if (!health?.ok) fail('the server does not answer /health after the socket fuzz');

console.log(
  `== socket fuzz: ${counts.sent} frames (${counts.valid} drawn from the document, ` +
    `${counts.broken} broken on purpose, ${counts.notJson} not JSON), ${counts.acked} acked, ${counts.pong} pongs, ` +
    `errors ${JSON.stringify(counts.errors)}, ` +
    `${counts.events} events in ${counts.batches} batches; ${failures.length} failures`,
);
for (const f of failures.slice(0, 20)) console.log(`   ${f}`);
process.exit(failures.length > 0 ? 1 : 0);
