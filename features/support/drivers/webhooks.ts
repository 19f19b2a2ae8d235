import { createServer, type Server } from 'node:http';
import { verifyWebhookSignature } from '@parley/client';
import type { Parley } from '@parley/core';
import { dataOf, type Json, type Outcome, type RestCall, type RunAs, type Session } from './driver.js';

/** Integration webhooks as an admin manages them, and one delivery round (as each job-running process runs them). */
export interface WebhooksDriver {
  create(as: Session, body: Json): Promise<Outcome>;
  update(as: Session, id: string, patch: Json): Promise<Outcome>;
  replay(as: Session, id: string, body: Json): Promise<Outcome>;
  failures(as: Session, id: string): Promise<Outcome<Json[]>>;
  /** Runs a delivery round now (the server also runs one about every second). */
  deliver(): Promise<void>;
}

/** Over REST; the round through the API's own core. */
export function httpWebhooks(call: RestCall, core: () => Parley): WebhooksDriver {
  const path = (id = '') => `/admin/webhooks${id ? `/${id}` : ''}`;
  return {
    create: (s, body) => call(s, 'POST', path(), body),
    update: (s, id, patch) => call(s, 'PATCH', path(id), patch),
    replay: (s, id, body) => call(s, 'POST', `${path(id)}/replay`, body),
    failures: async (s, id) => dataOf(await call(s, 'GET', `${path(id)}/failures`)),
    deliver: () => deliverAll(core()),
  };
}

/**
 * A delivery round that delivers everything due: the server's own round (about once a second) may hold a
 * conversation when the scenario's round comes to it, so the scenario's round is run again until none was busy.
 */
async function deliverAll(core: Parley): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const round = await core.integrations.deliverWebhooks.execute();
    if (!round.ok || round.value.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('a webhook delivery round stayed busy for 5 s');
}

/** Through the integrations use cases in process. */
export function inProcessWebhooks(as: RunAs, core: () => Parley): WebhooksDriver {
  const hooks = () => core().integrations;
  return {
    create: (s, body) => as(s, (actorId) => hooks().createWebhook.execute({ actorId, ...body })),
    update: (s, id, patch) => as(s, (actorId) => hooks().updateWebhook.execute({ actorId, id, ...patch })),
    replay: (s, id, body) => as(s, (actorId) => hooks().replayWebhook.execute({ actorId, id, ...body })),
    failures: async (s, id) =>
      dataOf(
        await as(s, async (actorId) => {
          const listed = await hooks().listWebhookFailures.execute({ actorId, id });
          return listed.ok ? { ok: true, value: { data: listed.value } } : listed;
        }),
      ),
    deliver: () => deliverAll(core()),
  };
}

/** What a test receiver got: each delivery, and whether its signature checked out with the secrets it knew. */
export interface Received {
  id: string;
  type: string;
  conversationId: string;
  eventSeq: number;
  data: Json;
  signed: boolean;
}

/** A receiver on this machine: answers 503 while `away`, else checks each signature and answers 204. */
export class WebhookReceiver {
  readonly got: Received[] = [];
  secrets: string[] = [];
  away = false;
  url = '';
  private server: Server | null = null;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (this.away) return res.writeHead(503).end();
        const raw = Buffer.concat(chunks).toString('utf8');
        const check = await verifyWebhookSignature(req.headers['parley-signature'] as string, raw, this.secrets);
        const body = JSON.parse(raw) as Received;
        this.got.push({ ...body, signed: check.ok });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}/hooks`;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
