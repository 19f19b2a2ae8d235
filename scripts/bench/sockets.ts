/**
 * Many idle authenticated sockets on one API process (the embedded default), measured for real: the API's RSS,
 * its CPU while the sockets idle, the time to connect them all, a broadcast to all of them (one channel with
 * every socket's user in it: the time until the last socket has the event), then a reconnect storm of all of
 * them (the time until the last is `ready` again). Prints figures; asserts nothing (but counts every socket).
 *   node --import tsx --conditions=@parley/source scripts/bench/sockets.ts [sockets, default 100000]
 *
 * The clients run in BENCH_CLIENT_PROCESSES child processes (default: one per 15,000 sockets), each from its own
 * loopback source addresses (127.0.0.2, .3, ...: a source address has ~28,000 ephemeral ports). A process may
 * hold only as many sockets as its open-file limit allows: when the API's limit is below the count asked for,
 * the run says so and uses the most the limit allows (the limit is printed; raise it with `ulimit -n` where
 * the machine permits).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { out, startParley } from './support.js';

const asked = Number(process.argv[2] ?? 100_000);
const openFiles = (pid: number | 'self') =>
  Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? 0);
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- A client process: opens its share of the sockets, reports, and reconnects them all when told.
if (process.env.SOCKETS_CLIENT) {
  const { default: WebSocket } = await import('ws');
  // Its share comes over IPC (tens of thousands of tokens are too long for an environment).
  let url = '';
  let tokens: string[] = [];
  let addresses: string[] = [];
  const sockets: InstanceType<typeof WebSocket>[] = [];
  let ready = 0;
  let heard = 0;
  const open = (i: number) =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(url, ['parley.v2'], {
        headers: { authorization: `Bearer ${tokens[i]}` },
        localAddress: addresses[i % addresses.length],
      });
      ws.on('message', (data) => {
        const text = String(data);
        if (text.startsWith('{"type":"ready"')) {
          ready += 1;
          resolve();
        } else if (text.includes('"message.created"')) {
          heard += 1;
          if (heard === tokens.length) process.send!({ type: 'heard', at: Date.now() });
        }
      });
      ws.on('error', () => resolve());
      sockets[i] = ws;
    });
  const openAll = async () => {
    ready = 0;
    for (let i = 0; i < tokens.length; i += 500)
      await Promise.all(Array.from({ length: Math.min(500, tokens.length - i) }, (_, k) => open(i + k)));
    process.send!({ type: 'ready', count: ready, at: Date.now() });
  };
  process.on('message', (command: string | { url: string; tokens: string[]; addresses: string[] }) => {
    if (typeof command === 'object') ({ url, tokens, addresses } = command);
    if (command === 'open') void openAll();
    if (command === 'storm') {
      for (const ws of sockets) ws.terminate();
      void openAll();
    }
    if (command === 'exit') process.exit(0);
  });
  process.send!({ type: 'up' });
} else {
  const { proc, url, post, register } = await startParley('sockets', { RUN_JOBS: 'false' });
  process.on('exit', () => proc.kill()); // also when the bench fails half-way
  const limit = openFiles(proc.pid!);
  const count = Math.min(asked, limit - 1_000);
  out(
    `sockets bench: ${asked.toLocaleString()} sockets asked; the API process may open ${limit.toLocaleString()} files` +
      (count < asked ? ` (not raisable here), so ${count.toLocaleString()} sockets are used` : ''),
  );
  const rssBefore = rssMiB(proc.pid!);
  let t = Date.now();
  const [owner, ...users] = await register(count + 1);
  const channel = await post('/conversations', { kind: 'channel', name: 'Everyone' }, owner.accessToken);
  for (let i = 0; i < users.length; i += 200)
    await post(
      `/conversations/${channel.id}/participants/bulk`,
      { userIds: users.slice(i, i + 200).map((u) => u.user.id) },
      owner.accessToken,
    );
  out(
    `  set-up: ${count.toLocaleString()} users registered and in one channel in ` +
      `${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  const processes = Number(process.env.BENCH_CLIENT_PROCESSES ?? Math.ceil(count / 15_000));
  const per = Math.ceil(count / processes);
  const clients: ChildProcess[] = [];
  const events: { type: string; count?: number; at: number }[] = [];
  for (let p = 0; p < processes; p += 1) {
    const share = users.slice(p * per, (p + 1) * per).map((u) => u.accessToken as string);
    const addresses = Array.from({ length: 4 }, (_, k) => `127.0.${p + 1}.${k + 2}`);
    const client = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, SOCKETS_CLIENT: '1' },
      execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    });
    client.on('message', (m: { type: string; count?: number; at: number }) => {
      // Its share once it listens (a message sent before would be lost).
      if (m.type === 'up') client.send({ url: `${url.replace('http', 'ws')}/ws`, tokens: share, addresses });
      events.push({ ...m, at: m.at ?? Date.now() });
    });
    clients.push(client);
  }
  const waitFor = async (type: string, n: number, ms = 600_000) => {
    const end = Date.now() + ms;
    while (events.filter((e) => e.type === type).length < n && Date.now() < end) await sleep(50);
    const got = events.filter((e) => e.type === type);
    events.splice(0, events.length, ...events.filter((e) => e.type !== type));
    return got;
  };
  await waitFor('up', processes);
  t = Date.now();
  for (const c of clients) c.send('open');
  const opened = await waitFor('ready', processes);
  const connected = opened.reduce((a, e) => a + (e.count ?? 0), 0);
  const connectS = (Math.max(...opened.map((e) => e.at)) - t) / 1000;
  out(
    `  connect: ${connected.toLocaleString()} of ${count.toLocaleString()} sockets ready in ` +
      `${connectS.toFixed(1)} s (${Math.round(connected / connectS).toLocaleString()}/s)`,
  );
  await sleep(5_000);
  const idleCpu0 = cpuMs(proc.pid!);
  await sleep(60_000);
  const idleCpu = (cpuMs(proc.pid!) - idleCpu0) / 60_000;
  out(
    `  idle, 60 s with a 30 s heartbeat: API CPU ${(idleCpu * 100).toFixed(1)}% of a core; RSS ` +
      `${rssMiB(proc.pid!).toFixed(0)} MiB (${rssBefore.toFixed(0)} MiB before the users and sockets)`,
  );
  t = Date.now();
  await post(`/conversations/${channel.id}/messages`, { content: 'to everyone' }, owner.accessToken);
  const heard = await waitFor('heard', processes, 120_000);
  out(
    heard.length === processes
      ? `  broadcast: the last of ${connected.toLocaleString()} sockets had the event ` +
          `${Math.max(...heard.map((e) => e.at)) - t} ms after the send began`
      : `  broadcast: only ${heard.length} of ${processes} client processes heard it within 120 s`,
  );
  t = Date.now();
  for (const c of clients) c.send('storm');
  const again = await waitFor('ready', processes);
  const back = again.reduce((a, e) => a + (e.count ?? 0), 0);
  const stormS = (Math.max(...again.map((e) => e.at)) - t) / 1000;
  out(
    `  reconnect storm: ${back.toLocaleString()} sockets dropped at once and ready again in ` +
      `${stormS.toFixed(1)} s; RSS after ${rssMiB(proc.pid!).toFixed(0)} MiB`,
  );
  for (const c of clients) c.send('exit');
  proc.kill();
  process.exit(0);
}
