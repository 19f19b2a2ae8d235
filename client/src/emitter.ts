/** A small typed event emitter (no Node `events`: the same code runs in browsers). */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(value: never) => void>>();

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(name: K, listener: (value: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (value: never) => void);
    return () => {
      set.delete(listener as (value: never) => void);
    };
  }

  /** Resolves with the next value of `name` that matches. */
  once<K extends keyof Events>(name: K, match: (value: Events[K]) => boolean = () => true): Promise<Events[K]> {
    return new Promise((resolve) => {
      const off = this.on(name, (value) => {
        if (!match(value)) return;
        off();
        resolve(value);
      });
    });
  }

  protected emit<K extends keyof Events>(name: K, value: Events[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        (listener as (value: Events[K]) => void)(value);
      } catch (error) {
        // A listener's bug must not break delivery to the others, nor the connection; a library without a
        // logger reports it rather than swallowing it.
        // eslint-disable-next-line no-console
        console.error('a Parley client listener threw', error);
      }
    }
  }
}
