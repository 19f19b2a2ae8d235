/**
 * The soak's system under test: two API nodes (node B reaches Redis and the database through TCP proxies the soak
 * can cut) and a worker, on the real services, each process's output in its own log; and how to leave nothing
 * behind when the run ends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { MongoClient } from 'mongodb';
import { CuttableProxy, freePort, sleep } from '../../apps/api/src/fault-kit.js';

export type Proc = {
  name: string;
  args: string[];
  env: Record<string, string>;
  child: ChildProcess | null;
  port?: number;
};

export interface SoakSystem {
  nodes: Proc[];
  worker: Proc;
  toRedis: CuttableProxy;
  toMongo: CuttableProxy;
  /** Starts (or starts again) a process, its output appended to its log. */
  launch(proc: Proc): void;
  alive(proc: Proc): boolean;
  /** Waits until an API node answers `/ready` (throws after `seconds`, with the last answer). */
  ready(proc: Proc, seconds?: number): Promise<void>;
  /** A line in logs/nemesis.log: what the nemesis did and how each process ended, with times. */
  note(line: string): void;
  /** Exits the nemesis did not cause (it only ever sends SIGKILL): each one fails the run. */
  exitedOnTheirOwn: string[];
  /** Leaves nothing behind: the run's processes, its database, its Redis keys and its queues. */
  cleanUp(): Promise<void>;
}

export interface SystemOptions {
  run: string;
  logs: string;
  root: string;
  seconds: number;
  out: (line: string) => void;
}

/** The environment every process of the run shares: its own database, key prefix, queues and secret. */
function sharedEnv({ run, logs, seconds }: SystemOptions, mongo: URL): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: `soak-${run}-`.padEnd(48, 's'),
    BCRYPT_ROUNDS: '4',
    MONGO_URL: mongo.toString(),
    REDIS_PREFIX: `parley-soak:${run}:`,
    AMQP_PREFIX: `parley-soak-${run}`,
    TRUST_PROXY_HOPS: '1',
    SEND_RATE_PER_SECOND: '100000',
    REQUESTS_PER_IP_PER_MINUTE: '100000000',
    WS_COMMANDS_PER_SECOND: '1000',
    // The people sign in once and do not refresh (yet): their access tokens must outlast the run (15 min by default).
    ACCESS_TOKEN_TTL_SECONDS: String(Math.min(86_400, seconds + 3600)),
    DATA_DIR: `${logs}/data`,
    WEB_CLIENT: 'false',
    // With a database fault every few seconds (node B's proxy cut, the server restarted), a start can take minutes
    // to find the few quiet seconds it needs. A deployment's supervisor restarts a process that gave up after the
    // default 60 s; the soak has none, and counts a process that exits on its own as not recovered, so its nodes
    // keep trying for as long as the run lasts.
    STARTUP_WAIT_SECONDS: String(seconds + 600),
  };
}

/** Starts the run's proxies, two API nodes and the worker, and waits until both nodes are ready. */
export async function startSystem(options: SystemOptions): Promise<SoakSystem> {
  const { run, logs, root, out } = options;
  const mongo = new URL(process.env.MONGO_URL!);
  mongo.pathname = `/parley_soak_${run}`;
  const toRedis = new CuttableProxy(new URL(process.env.REDIS_URL!));
  const toMongo = new CuttableProxy(mongo);
  await toRedis.start();
  await toMongo.start();
  const shared = sharedEnv(options, mongo);
  const nodes: Proc[] = [];
  for (const [name, viaProxy] of [
    ['api-a', false],
    ['api-b', true],
  ] as const) {
    const port = await freePort();
    const proxied = { REDIS_URL: toRedis.url(process.env.REDIS_URL!), MONGO_URL: toMongo.url(mongo.toString()) };
    nodes.push({
      name,
      port,
      args: [`${root}/apps/api/dist/main.js`],
      env: {
        ...shared,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        RUN_JOBS: 'false',
        ...(viaProxy ? proxied : {}),
      },
      child: null,
    });
  }
  // The worker runs every job (the nodes run none) and logs each run and each notification (LOG_LEVEL=info) for the
  // checker's notification checks.
  const worker: Proc = {
    name: 'worker',
    args: [`${root}/apps/worker/dist/main.js`],
    env: { ...shared, LOG_LEVEL: 'info' },
    child: null,
  };

  const nemesisLog = createWriteStream(`${logs}/nemesis.log`, { flags: 'a' });
  const note = (line: string) => nemesisLog.write(`${new Date().toISOString()} ${line}\n`);
  const exitedOnTheirOwn: string[] = [];
  const launch = (proc: Proc): void => {
    const log = createWriteStream(`${logs}/${proc.name}.log`, { flags: 'a' });
    const env = { ...process.env, ...proc.env };
    const child = spawn(process.execPath, proc.args, { cwd: root, env, stdio: 'pipe' });
    proc.child = child;
    note(`${proc.name} started (pid ${child.pid})`);
    child.once('exit', (code, signal) => {
      note(`${proc.name} (pid ${child.pid}) exited: code ${code}, signal ${signal}`);
      if (signal !== 'SIGKILL')
        exitedOnTheirOwn.push(`${proc.name} (pid ${child.pid}) exited by itself (code ${code}, signal ${signal})`);
    });
    // Both streams into one file, which is closed once both are done: piped with `end`, the first stream to end
    // closed it under the other (a 10-minute run died of "write after end" when a killed node's stdout ended before
    // its stderr's last lines).
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('close', () => log.end());
  };
  const alive = (proc: Proc) => proc.child !== null && proc.child.exitCode === null && proc.child.signalCode === null;
  const ready = async (proc: Proc, seconds = 90): Promise<void> => {
    let last = 'no answer';
    for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(200)) {
      const r = await fetch(`http://127.0.0.1:${proc.port}/ready`, { signal: AbortSignal.timeout(5000) }).catch(
        () => null,
      );
      if (r?.ok) return;
      if (r) last = `${r.status} ${await r.text()}`;
    }
    throw new Error(`${proc.name} is not ready after ${seconds}s: ${last} (see ${logs}/${proc.name}.log)`);
  };
  const cleanUp = async (): Promise<void> => {
    for (const proc of [...nodes, worker]) if (alive(proc)) proc.child!.kill('SIGKILL');
    toRedis.close();
    toMongo.close();
    const removed = await removeRunData(run, mongo);
    out(`== cleaned up: database, ${removed.keys} Redis keys, ${removed.queues} queues`);
  };

  for (const node of nodes) launch(node);
  launch(worker);
  // Whatever happens, no process of this run outlives it.
  process.on('exit', () => {
    for (const proc of [...nodes, worker]) if (alive(proc)) proc.child!.kill('SIGKILL');
  });
  const system = { nodes, worker, toRedis, toMongo, launch, alive, ready, note, exitedOnTheirOwn, cleanUp };
  // Stopped by hand (Ctrl-C, kill), or the soak itself failed: the run's processes, data, keys and queues go too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      out(`== ${signal}: stopping the run`);
      void cleanUp().finally(() => process.exit(130));
    });
  process.on('unhandledRejection', (error) => {
    out(`== the soak itself failed: ${String(error)}`);
    void cleanUp().finally(() => process.exit(2));
  });
  for (const node of nodes) await ready(node);
  return system;
}

/**
 * Drops the run's database, Redis keys and queues (RabbitMQ recovers every durable queue at each restart, so queues
 * left by earlier runs made its restarts slower, then wedged it).
 */
async function removeRunData(run: string, mongo: URL): Promise<{ keys: number; queues: number }> {
  const client = await new MongoClient(mongo.toString(), { serverSelectionTimeoutMS: 10_000 }).connect();
  await client
    .db()
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
  const redis = ['-u', process.env.REDIS_URL!];
  const keys = spawnSync('redis-cli', [...redis, '--scan', '--pattern', `parley-soak:${run}:*`], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  for (let i = 0; i < keys.length; i += 500) spawnSync('redis-cli', [...redis, 'del', ...keys.slice(i, i + 500)]);
  const rabbit = { ...process.env, RABBITMQ_NODENAME: process.env.RABBITMQ_NODENAME ?? 'parley@localhost' };
  const queues = spawnSync('rabbitmqctl', ['-q', 'list_queues', 'name'], { encoding: 'utf8', env: rabbit })
    .stdout.split('\n')
    .filter((name) => name.startsWith(`parley-soak-${run}`));
  for (const name of queues) spawnSync('rabbitmqctl', ['-q', 'delete_queue', name], { env: rabbit });
  return { keys: keys.length, queues: queues.length };
}
