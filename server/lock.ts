/** In-process locks: FIFO, promise-based, for serialising work without blocking the event loop. */

/** One holder at a time, in arrival order. `lock()` resolves with the release function. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
}
