/**
 * Items due at a time, earliest first (a binary min-heap). The ticker keeps every badge here at
 * the instant its text or state next changes, so a tick touches only the badges due, not every
 * badge on the page. Rescheduling pushes a new entry; the caller recognises stale entries by a
 * sequence number it keeps per item, and the queue compacts itself when stale entries pile up.
 */
export interface DueEntry<T> {
  at: number;
  item: T;
  seq: number;
}

export class DueQueue<T> {
  private heap: DueEntry<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: DueEntry<T>): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= entry.at) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = entry;
  }

  /** When the earliest entry is due (Infinity when empty); it may be a stale one. */
  peekAt(): number {
    return this.heap[0]?.at ?? Infinity;
  }

  /** The earliest entry due at or before `now`, removed; undefined when none is due. */
  popDue(now: number): DueEntry<T> | undefined {
    const h = this.heap;
    const top = h[0];
    if (!top || top.at > now) return undefined;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r]!.at < h[l]!.at ? r : l;
        if (h[c]!.at >= last.at) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Keep only the entries `live` accepts (drops stale ones in one pass). */
  compact(live: (entry: DueEntry<T>) => boolean): void {
    const kept = this.heap.filter(live);
    this.heap = [];
    for (const e of kept) this.push(e);
  }

  clear(): void {
    this.heap = [];
  }
}
