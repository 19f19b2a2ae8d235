interface Slot<V> {
  pending: V | null;
  done: Promise<boolean>;
  /** Ends the linger at once (settle). */
  wake: (() => void) | null;
}

/**
 * Latest-wins, single-flight writes per key: while a write for a key is in flight, later values for that
 * key are merged into one pending value, written once when the first finishes. Under load this turns many
 * monotonic writes (watermarks, activity marks) into few.
 *
 * With `lingerMs`, the first value for a key also waits that long before it is written, gathering the
 * values that follow it: a conversation receiving a message every few milliseconds then costs one write
 * per linger instead of one per message. `settle()` ends every linger at once.
 */
export class Coalescer<V> {
  private readonly inFlight = new Map<string, Slot<V>>();

  constructor(
    private readonly write: (key: string, value: V) => Promise<void>,
    private readonly merge: (a: V, b: V) => V,
    private readonly onError: (key: string, error: unknown) => void,
    private readonly lingerMs = 0,
  ) {}

  /**
   * Resolves once a write that includes this value has finished: true if it landed, false if it failed
   * (reported through onError). The merge must make a later value cover earlier ones (max, union).
   */
  submit(key: string, value: V): Promise<boolean> {
    const running = this.inFlight.get(key);
    if (running) {
      running.pending = running.pending === null ? value : this.merge(running.pending, value);
      return running.done;
    }
    const slot: Slot<V> = { pending: null, done: Promise.resolve(true), wake: null };
    this.inFlight.set(key, slot);
    slot.done = this.drain(key, value, slot);
    return slot.done;
  }

  /** Resolves when every submitted write has finished; lingering ones are written now. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) {
      for (const slot of this.inFlight.values()) slot.wake?.();
      await Promise.all([...this.inFlight.values()].map((s) => s.done));
    }
  }

  private async drain(key: string, first: V, slot: Slot<V>): Promise<boolean> {
    let value: V | null = first;
    let landed = false;
    try {
      if (this.lingerMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => resolve(), this.lingerMs);
          slot.wake = () => { clearTimeout(timer); resolve(); };
        });
        slot.wake = null;
        if (slot.pending !== null) value = this.merge(first, slot.pending);
        slot.pending = null;
      }
      while (value !== null) {
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
}
