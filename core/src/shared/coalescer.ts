/**
 * Latest-wins, single-flight writes per key: while a write for a key is in flight, later values for that
 * key are merged into one pending value, written once when the first finishes. Under load this turns many
 * monotonic writes (watermarks, activity marks) into few, without timers.
 */
export class Coalescer<V> {
  private readonly inFlight = new Map<string, { pending: V | null; done: Promise<boolean> }>();

  constructor(
    private readonly write: (key: string, value: V) => Promise<void>,
    private readonly merge: (a: V, b: V) => V,
    private readonly onError: (key: string, error: unknown) => void,
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
    const slot: { pending: V | null; done: Promise<boolean> } = { pending: null, done: Promise.resolve(true) };
    slot.done = this.drain(key, value, slot);
    this.inFlight.set(key, slot);
    return slot.done;
  }

  /** Resolves when every submitted write has finished. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((s) => s.done));
  }

  private async drain(key: string, first: V, slot: { pending: V | null }): Promise<boolean> {
    let value: V | null = first;
    let landed = false;
    try {
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
