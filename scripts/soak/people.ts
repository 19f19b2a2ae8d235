/**
 * The soak's simulated people: registered at the start, in one busy conversation of all of them and small groups of
 * six; each sends (over its socket or REST, to either node, retrying with the same clientMessageId until
 * acknowledged), edits, deletes, reacts, reads, and now and then drops its socket and comes back. What each was
 * acknowledged and saw is kept for the checker (checker.ts).
 */
import type { ClientRecord } from './checker.js';
import { sleep } from '../../apps/api/src/fault-kit.js';
import { backoff, connectSocket, type PersonSocket } from './socket.js';
import { pickWith } from './seeded.js';
import type { Proc } from './system.js';

export type Person = ClientRecord & { token: string; conversations: string[]; n: number; own: string[] };

export interface CrowdOptions {
  run: string;
  /** The API nodes, each call to one of them at random. */
  nodes: Proc[];
  /** The people's choices (their timing varies from run to run, so only their mix replays). */
  random: () => number;
  out: (line: string) => void;
}

export class Crowd {
  readonly people: Person[] = [];
  readonly sockets = new Map<Person, PersonSocket>();
  readonly counts = {
    operations: 0,
    sends: 0,
    socketSends: 0,
    acked: 0,
    retries: 0,
    edits: 0,
    deletes: 0,
    reactions: 0,
    reads: 0,
    reconnects: 0,
    /** Sockets that went away without the person closing them (each reconnected, as a client does). */
    dropped: 0,
  };
  /** Live events that came ahead of an earlier one (put in order by the client). */
  outOfOrderLive = 0;
  private busy = '';
  private running = false;
  /** From `start` until `closeSockets`: a socket that goes away is opened again (after a backoff). */
  private reconnecting = false;
  private workload: Promise<void>[] = [];
  private forwarded = 1;
  private readonly pick: ReturnType<typeof pickWith>;
  /** Sockets lost in a row since the person's last `ready`, by person (each reconnect waits longer). */
  private readonly lostInARow = new Map<Person, number>();

  constructor(private readonly options: CrowdOptions) {
    this.pick = pickWith(options.random);
  }

  /** A node at random. */
  base(): string {
    return `http://127.0.0.1:${this.pick(this.options.nodes).port}`;
  }

  /** One call to a node at random; a person gives up on an answer after 10 s. */
  async call(method: string, path: string, body?: unknown, token?: string, timeoutMs = 10_000) {
    const forwarded = (this.forwarded += 1);
    const r = await fetch(`${this.base()}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        // Each call from an address of its own (TRUST_PROXY_HOPS=1): people are many, not one address's sign-ups.
        'x-forwarded-for': `10.9.${(forwarded >> 8) & 255}.${forwarded & 255}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }

  /**
   * Set-up and read-back calls retry until they work (a node may still be warming up). The read-back is patient:
   * after a long run every read on FerretDB is a scan of a large collection (a page took over 10 s in a 30-minute
   * run), so it waits a minute for each answer and tries for up to ten.
   */
  async must(method: string, path: string, body?: unknown, token?: string, patient = false) {
    const [timeoutMs, attempts, pause] = patient ? [60_000, 10, 2000] : [10_000, 20, 250];
    for (let attempt = 0; ; attempt += 1) {
      const r = await this.call(method, path, body, token, timeoutMs).catch((e: unknown) => ({
        status: 0,
        body: String(e),
      }));
      if (r.status >= 200 && r.status < 300) return r.body;
      if (attempt > attempts) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      await sleep(pause);
    }
  }

  /** Registers `count` people, one conversation of all of them and groups of six. */
  async gather(count: number): Promise<void> {
    const { run } = this.options;
    for (let i = 0; i < count; i += 1) {
      const r = await this.must('POST', '/auth/register', {
        email: `soak${i}-${run}@example.com`,
        username: `soak${i}_${run}`,
        password: 'correct horse battery',
      });
      this.people.push({
        ...{ userId: r.user.id, token: r.accessToken, acks: [], seen: {}, edits: [], deletes: [], reads: [] },
        ...{ conversations: [], n: 0, own: [] },
      });
    }
    const group = async (name: string, members: Person[]) => {
      const body = { kind: 'group', name, memberIds: members.slice(1).map((p) => p.userId) };
      const { id } = await this.must('POST', '/conversations', body, members[0]!.token);
      for (const p of members) p.conversations.push(id);
      return id as string;
    };
    this.busy = await group('busy', this.people);
    for (let g = 0; g * 6 < count; g += 1) {
      const members = this.people.slice(g * 6, g * 6 + 6);
      if (members.length >= 2) await group(`small ${g}`, members);
    }
    this.options.out(`== ${count} people, ${1 + Math.ceil(count / 6)} conversations (one of all of them)`);
  }

  /**
   * A person's socket to a node at random (again), resuming from what the person has seen; one that goes away on
   * its own (a node killed, or refusing the socket while its database is away) is opened again after a backoff, as
   * `@parley/client` does.
   */
  connect(p: Person): void {
    this.sockets.get(p)?.close();
    const url = this.base().replace('http', 'ws');
    const outOfOrder = (line: string) => {
      this.outOfOrderLive += 1;
      if (process.env.SOAK_DEBUG && this.outOfOrderLive < 5) this.options.out(`   ${line}`);
    };
    const lost = () => {
      if (this.sockets.get(p) !== socket || !this.reconnecting) return;
      this.counts.dropped += 1;
      const inARow = (this.lostInARow.get(p) ?? 0) + 1;
      this.lostInARow.set(p, inARow);
      setTimeout(() => {
        if (this.sockets.get(p) === socket && this.reconnecting) this.connect(p);
      }, backoff(inARow));
    };
    const ready = () => this.lostInARow.delete(p);
    const { token, conversations } = p;
    const socket = connectSocket(p, { url, token, conversations, outOfOrder, lost, ready });
    this.sockets.set(p, socket);
  }

  /** Every person connects and acts until `stop`. */
  start(): void {
    const { random, out } = this.options;
    this.running = true;
    this.reconnecting = true;
    for (const p of this.people) this.connect(p);
    this.workload = this.people.map(async (p) => {
      while (this.running) {
        await this.act(p).catch((e: unknown) => out(`   a person's operation failed: ${String(e)}`));
        if (random() < 0.02) {
          // Offline for a while, then back (resuming from where the socket left off).
          this.sockets.get(p)!.close();
          await sleep(500 + random() * 3000);
          this.connect(p);
          this.counts.reconnects += 1;
        }
        await sleep(200 + random() * 800);
      }
    });
  }

  /** The people finish what they were doing (a send retries until acknowledged, or gives up unacknowledged). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workload);
  }

  closeSockets(): void {
    this.reconnecting = false;
    for (const { close } of this.sockets.values()) close();
  }

  private async send(p: Person, cid: string): Promise<void> {
    const clientMessageId = `${p.userId}-${(p.n += 1)}`;
    const { counts } = this;
    counts.sends += 1;
    const acknowledged = (id: string, seq: number) => {
      p.acks.push({ conversationId: cid, senderId: p.userId, clientMessageId, id, seq });
      p.own.push(id);
      counts.acked += 1;
    };
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) {
        counts.retries += 1;
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
      if (!this.running && attempt > 200) return; // gave up: never acknowledged, so nothing is owed
      const content = `m ${clientMessageId}`;
      // Half the tries over the person's socket, half over REST to either node; a retry keeps the clientMessageId.
      if (this.options.random() < 0.5) {
        const frame = { type: 'message.send', conversationId: cid, content, clientMessageId };
        const answer = await this.sockets.get(p)!.request(frame);
        if (answer.type === 'ack') {
          acknowledged(answer.result.message.id, answer.result.message.seq);
          counts.socketSends += 1;
          return;
        }
        continue;
      }
      const body = { content, clientMessageId };
      const r = await this.call('POST', `/conversations/${cid}/messages`, body, p.token).catch(() => null);
      if (r && (r.status === 200 || r.status === 201)) return acknowledged(r.body.id, r.body.seq);
      if (r && r.status >= 400 && r.status < 500 && r.status !== 429 && r.status !== 408)
        throw new Error(`send refused: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }

  private async act(p: Person): Promise<void> {
    const { random } = this.options;
    const { counts, pick } = this;
    const cid = random() < 0.5 ? this.busy : pick(p.conversations);
    const roll = random();
    counts.operations += 1;
    if (roll < 0.55) return this.send(p, cid);
    const mine = p.own.length > 0 ? pick(p.own) : null;
    const path = (id: string) => `/conversations/${p.acks.find((a) => a.id === id)!.conversationId}/messages/${id}`;
    if (roll < 0.65 && mine) {
      const content = `edit ${(p.n += 1)}`;
      const at = Date.now();
      const r = await this.call('PATCH', path(mine), { content }, p.token).catch(() => null);
      // Recorded either way: an edit whose answer was lost may still have taken effect (the checker allows for it).
      p.edits.push({ id: mine, content, at, acked: r?.status === 200 });
      if (r?.status === 200) counts.edits += 1;
      return;
    }
    if (roll < 0.7 && mine) {
      const at = Date.now();
      const r = await this.call('DELETE', path(mine), undefined, p.token).catch(() => null);
      if (r?.status === 200 || r?.status === 204) {
        p.deletes.push({ id: mine, at });
        p.own = p.own.filter((id) => id !== mine);
        counts.deletes += 1;
      }
      return;
    }
    const target = this.people
      .flatMap((q) => q.acks)
      .filter((a) => p.conversations.includes(a.conversationId))
      .at(-1);
    if (!target) return;
    if (roll < 0.85) {
      const emoji = pick(['👍', '❤️', '🎉']);
      const r = await this.call('POST', `/messages/${target.id}/reactions`, { emoji }, p.token).catch(() => null);
      if (r && r.status < 300) counts.reactions += 1;
    } else {
      const r = await this.call('POST', `/messages/${target.id}/read`, {}, p.token).catch(() => null);
      if (r && r.status < 300) {
        counts.reads += 1;
        p.reads!.push({ conversationId: target.conversationId, seq: target.seq });
      }
    }
  }
}
