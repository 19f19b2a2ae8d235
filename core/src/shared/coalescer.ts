interface Slot<V> {
  pending: V | null;
  done: Promise<boolean>;
  /** Ends a wait at once. */
  wake: (() => void) | null;
  /** settle() asked: no more waiting in this drain. */
  hurry: boolean;
}

/**
 * Latest-wins, single-flight writes per key: while a write for a key is in flight, later values for that
 * key are merged into one pending value, written once when the first finishes. Under load this turns many
 * monotonic writes (watermarks, activity marks) into few.
 *
 * With `intervalMs`, writes of one key are also spaced at least that far apart: a value for a key not
 * written lately goes out at once, and the values that follow it within the interval are merged and
 * written when it ends. A conversation receiving a message every few milliseconds then costs one write per
 * interval instead of one per message, while a quiet one has its marks written at once. `settle()` ends
 * every wait.
 */
export class Coalescer<V> {
  private readonly inFlight = new Map<string, Slot<V>>();
  /** When each key was last written (ms), oldest first; keys older than the interval are forgotten. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly write: (key: string, value: V) => Promise<void>,
    private readonly merge: (a: V, b: V) => V,
    private readonly onError: (key: string, error: unknown) => void,
    private readonly intervalMs = 0,
  ) {}

  /**
   * Resolves once a write that includes this value has finished: true if it landed, false if it failed
   * (reported through onError). The merge must make a later value cover earlier ones (max, union).
   * `now`: do not wait out the interval for this one (nor for what is merged with it).
   */
  submit(key: string, value: V, now = false): Promise<boolean> {
    const running = this.inFlight.get(key);
    if (running) {
      running.pending = running.pending === null ? value : this.merge(running.pending, value);
      if (now) {
        running.hurry = true;
        running.wake?.();
      }
      return running.done;
    }
    const slot: Slot<V> = { pending: null, done: Promise.resolve(true), wake: null, hurry: now };
    this.inFlight.set(key, slot);
    slot.done = this.drain(key, value, slot);
    return slot.done;
  }

  /** Resolves when every submitted write has finished; waiting ones are written now. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) {
      for (const slot of this.inFlight.values()) {
        slot.hurry = true;
        slot.wake?.();
      }
      await Promise.all([...this.inFlight.values()].map((s) => s.done));
    }
  }

  private async drain(key: string, first: V, slot: Slot<V>): Promise<boolean> {
    let value: V | null = first;
    let landed = false;
    try {
      while (value !== null) {
        await this.spaced(key, slot);
        if (slot.pending !== null) value = this.merge(value, slot.pending);
        slot.pending = null;
        this.remember(key);
        try {
          await this.write(key, value);
          landed = true;
        } catch (error) {
          landed = false;
          this.onError(key, error);
        }
        value = slot.pending;
        slot.pending = null;
      }
    } finally {
      this.inFlight.delete(key);
    }
    return landed;
  }

  /** Waits until the key's interval since its last write has passed (or settle() hurries it). */
  private async spaced(key: string, slot: Slot<V>): Promise<void> {
    const last = this.written.get(key);
    const wait = last === undefined ? 0 : last + this.intervalMs - Date.now();
    if (wait <= 0 || slot.hurry) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), wait);
      slot.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    slot.wake = null;
  }

  private remember(key: string): void {
    if (this.intervalMs <= 0) return;
    const now = Date.now();
    this.written.delete(key);
    this.written.set(key, now);
    for (const [oldest, at] of this.written) {
      if (at > now - this.intervalMs) break;
      this.written.delete(oldest);
    }
  }
}
