import type { ConversationEvent } from './protocol.js';

interface Followed {
  /** The last eventSeq delivered. */
  last: number;
  /** Events that came ahead of a gap, waiting for it to be filled. */
  ahead: Map<number, ConversationEvent>;
  catchingUp: boolean;
}

/**
 * Delivers each conversation's durable events in eventSeq order, each once, whether they arrive live or
 * replayed: an event already delivered is dropped, one that comes after a gap waits while the gap is
 * fetched (`catchUp`), then everything that lines up is delivered.
 */
export class EventOrder {
  private readonly followed = new Map<string, Followed>();
  private connected = false;
  /** Counts connections: a catch-up that began on an earlier one is repeated on the current one. */
  private generation = 0;

  constructor(
    private readonly deliver: (event: ConversationEvent) => void,
    private readonly fetchAfter: (conversationId: string, after: number) => Promise<void>,
  ) {}

  follow(conversationId: string, lastEventSeq: number): void {
    const known = this.followed.get(conversationId);
    if (known) known.last = Math.max(known.last, lastEventSeq);
    else this.followed.set(conversationId, { last: lastEventSeq, ahead: new Map(), catchingUp: false });
  }

  position(conversationId: string): number | undefined {
    return this.followed.get(conversationId)?.last;
  }

  /** A live event. A conversation seen for the first time is followed from this event on. */
  live(event: ConversationEvent): void {
    if (!this.followed.has(event.conversationId)) this.follow(event.conversationId, event.eventSeq - 1);
    if (this.accept(event)) this.catchUp(event.conversationId);
  }

  /** An event from a catch-up. */
  replayed(event: ConversationEvent): void {
    this.accept(event);
  }

  /** The connection is (back) up: fetch whatever each followed conversation missed. */
  catchUpAll(): void {
    this.connected = true;
    this.generation += 1;
    for (const conversationId of this.followed.keys()) this.catchUp(conversationId);
  }

  disconnected(): void {
    this.connected = false;
  }

  catchUp(conversationId: string): void {
    const state = this.followed.get(conversationId);
    if (!state || state.catchingUp || !this.connected) return;
    state.catchingUp = true;
    const from = state.last;
    const generation = this.generation;
    void this.fetchAfter(conversationId, from)
      .catch(() => undefined)
      .finally(() => {
        state.catchingUp = false;
        // Begun before a reconnect (it may have been cut short), or still a gap after progress: again.
        if (generation !== this.generation || (state.ahead.size > 0 && state.last > from)) this.catchUp(conversationId);
      });
  }

  /** Delivers or keeps the event; true when it reveals a gap. */
  private accept(event: ConversationEvent): boolean {
    const state = this.followed.get(event.conversationId);
    if (!state || event.eventSeq <= state.last) return false;
    if (event.eventSeq !== state.last + 1) {
      state.ahead.set(event.eventSeq, event);
      return true;
    }
    state.ahead.delete(event.eventSeq); // it may have come live ahead of a gap, then replayed
    state.last = event.eventSeq;
    this.deliver(event);
    for (let next = state.ahead.get(state.last + 1); next; next = state.ahead.get(state.last + 1)) {
      state.ahead.delete(next.eventSeq);
      state.last = next.eventSeq;
      this.deliver(next);
    }
    return false;
  }
}
