import { Emitter } from './emitter.js';
import { ParleyError } from './errors.js';
import type { Sent } from './protocol.js';

/** A message the user sent that the server has not acknowledged yet (show it greyed out, "sending..."). */
export interface PendingSend {
  /** The idempotency key: however many times it is sent, the server stores one message. */
  clientMessageId: string;
  conversationId: string;
  content?: string;
  replyToId?: string | null;
  attachmentIds?: string[];
  metadata?: Record<string, unknown>;
  createdAt: string;
  /** queued: will be sent (again) as soon as possible; failed: the server refused it (see `error`). */
  state: 'queued' | 'sending' | 'failed';
  error?: { code: string; message: string };
}

export type SendInput = Pick<PendingSend, 'conversationId' | 'content' | 'replyToId' | 'attachmentIds' | 'metadata'>;

/** Where unsent messages are kept, so a reload or a restart sends them still (e.g. localStorage, a file). */
export interface OutboxStorage {
  load(): PendingSend[] | Promise<PendingSend[]>;
  save(items: PendingSend[]): void | Promise<void>;
}

export interface OutboxEvents {
  changed: PendingSend[];
  /** message: what the server answered (a HeldReceipt if a moderator must review it first, see isHeld). */
  sent: { clientMessageId: string; message: Sent };
}

/**
 * Sends made while offline or while the server is failing wait here, in order, and go out as soon as
 * they can; each carries its clientMessageId on every try, so the server stores it exactly once however
 * often it is retried. Refusals (validation, permissions) are final: the item is marked failed and kept
 * until `retry` or `discard`.
 */
export class Outbox extends Emitter<OutboxEvents> {
  private items: PendingSend[] = [];
  private readonly waiters = new Map<string, { resolve: (m: Sent) => void; reject: (e: unknown) => void }>();
  private flushing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  readonly loaded: Promise<void>;

  constructor(
    private readonly transport: (item: PendingSend) => Promise<Sent>,
    private readonly storage?: OutboxStorage,
  ) {
    super();
    this.loaded = Promise.resolve(storage?.load() ?? []).then((items) => {
      this.items = items.map((item) => ({ ...item, state: item.state === 'sending' ? 'queued' : item.state }));
      if (this.items.length) this.emitChange();
      this.flush();
    });
  }

  /** What is not acknowledged yet, oldest first. */
  list(): PendingSend[] {
    return this.items.map((item) => ({ ...item }));
  }

  /** Queues a message and resolves with it once the server acknowledged it (rejects if it refused it). */
  async send(input: SendInput): Promise<Sent> {
    await this.loaded;
    const item: PendingSend = {
      ...input,
      clientMessageId: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      state: 'queued',
    };
    this.items.push(item);
    const acknowledged = new Promise<Sent>((resolve, reject) =>
      this.waiters.set(item.clientMessageId, { resolve, reject }),
    );
    await this.save();
    this.flush();
    return acknowledged;
  }

  /** Tries a failed item again. */
  retry(clientMessageId: string): void {
    const item = this.items.find((i) => i.clientMessageId === clientMessageId);
    if (item?.state !== 'failed') return;
    item.state = 'queued';
    delete item.error;
    void this.save().then(() => this.flush());
  }

  /** Drops an item (a failed one the user gave up on). */
  discard(clientMessageId: string): void {
    this.items = this.items.filter((i) => i.clientMessageId !== clientMessageId);
    this.waiters
      .get(clientMessageId)
      ?.reject(new ParleyError(0, 'discarded', 'the message was discarded before it was sent'));
    this.waiters.delete(clientMessageId);
    void this.save();
  }

  /** Sends what is queued now (called on reconnect); resolves when the queue is empty or stuck on a failure. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops retrying (what is queued stays in the storage for next time). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    for (let item = this.next(); item; item = this.next()) {
      item.state = 'sending';
      this.emitChange();
      try {
        const message = await this.transport(item);
        this.failures = 0;
        this.items = this.items.filter((i) => i !== item);
        await this.save();
        this.emit('sent', { clientMessageId: item.clientMessageId, message });
        this.waiters.get(item.clientMessageId)?.resolve(message);
        this.waiters.delete(item.clientMessageId);
      } catch (error) {
        const refusal = error instanceof ParleyError && !error.retryable;
        item.state = refusal ? 'failed' : 'queued';
        if (refusal) {
          item.error = { code: error.code, message: error.message };
          this.waiters.get(item.clientMessageId)?.reject(error);
          this.waiters.delete(item.clientMessageId);
        }
        await this.save();
        if (!refusal) {
          // Later, with backoff (and at once on reconnect, through flush()).
          this.failures += 1;
          this.timer = setTimeout(() => void this.flush(), Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6)));
          return;
        }
      }
    }
  }

  private next(): PendingSend | undefined {
    return this.items.find((i) => i.state === 'queued');
  }

  private async save(): Promise<void> {
    this.emitChange();
    await this.storage?.save(this.list());
  }

  private emitChange(): void {
    this.emit('changed', this.list());
  }
}
