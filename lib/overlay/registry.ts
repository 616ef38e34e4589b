/**
 * Which rows carry a timer: the diff between what the adapter reads and the overlays on the
 * page. Generic over the row type so the rules are tested without a DOM. Rules (DESIGN §4):
 * exactly one timer per conversation key; when several rows share a key (a pinned copy, a
 * virtualiser's duplicate), the first one seen keeps the timer and another takes over when
 * it goes.
 */
export interface RowSink<R, O> {
  mount(row: R, obs: O): void;
  update(row: R, obs: O): void;
  unmount(row: R): void;
}

interface Entry<O> {
  key: string;
  obs: O;
}

export class OverlayRegistry<R, O extends { key: string }> {
  private readonly rows = new Map<R, Entry<O>>();
  private readonly rowsByKey = new Map<string, R[]>();
  /** The row showing each key's timer. */
  private readonly owner = new Map<string, R>();

  /** `alive` says whether a row can still take over a timer (e.g. is in the document). */
  constructor(
    private readonly sink: RowSink<R, O>,
    private readonly alive: (row: R) => boolean = () => true,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  has(row: R): boolean {
    return this.rows.has(row);
  }

  /** Rows that currently show a timer. */
  shown(): R[] {
    return [...this.owner.values()];
  }

  /** The row showing `key`'s timer, if any. */
  ownerOf(key: string): R | undefined {
    return this.owner.get(key);
  }

  keyOf(row: R): string | undefined {
    return this.rows.get(row)?.key;
  }

  obsOf(row: R): O | undefined {
    return this.rows.get(row)?.obs;
  }

  /** Add or refresh one row. */
  upsert(row: R, obs: O): void {
    const prev = this.rows.get(row);
    if (prev && prev.key === obs.key) {
      prev.obs = obs;
      if (this.owner.get(obs.key) === row) this.sink.update(row, obs);
      return;
    }
    if (prev) this.remove(row);
    this.rows.set(row, { key: obs.key, obs });
    const list = this.rowsByKey.get(obs.key);
    if (list) list.push(row);
    else this.rowsByKey.set(obs.key, [row]);
    if (!this.owner.has(obs.key)) {
      this.owner.set(obs.key, row);
      this.sink.mount(row, obs);
    }
  }

  /** Forget one row; another row with the same key takes over its timer. */
  remove(row: R): void {
    const entry = this.rows.get(row);
    if (!entry) return;
    this.rows.delete(row);
    const list = (this.rowsByKey.get(entry.key) ?? []).filter((r) => r !== row);
    if (list.length > 0) this.rowsByKey.set(entry.key, list);
    else this.rowsByKey.delete(entry.key);
    if (this.owner.get(entry.key) !== row) return;
    this.owner.delete(entry.key);
    this.sink.unmount(row);
    for (const next of list) {
      if (!this.alive(next)) {
        this.remove(next);
        continue;
      }
      const nextEntry = this.rows.get(next);
      if (nextEntry) {
        this.owner.set(entry.key, next);
        this.sink.mount(next, nextEntry.obs);
      }
      return;
    }
  }

  /**
   * Make the registry equal to a full read, in the read's order (so the first row of a
   * duplicated key wins). Rows absent from the read go.
   */
  replaceAll(read: ReadonlyArray<{ row: R; obs: O }>): void {
    const seen = new Set<R>();
    for (const { row } of read) seen.add(row);
    for (const row of [...this.rows.keys()]) if (!seen.has(row)) this.remove(row);
    for (const { row, obs } of read) this.upsert(row, obs);
  }

  /** Remove every row matching `pred` (e.g. rows no longer in the document). */
  prune(pred: (row: R) => boolean): void {
    for (const row of [...this.rows.keys()]) if (pred(row)) this.remove(row);
  }

  /** Forget everything; only rows showing a timer are unmounted (no hand-overs). */
  clear(): void {
    const shown = [...this.owner.values()];
    this.rows.clear();
    this.rowsByKey.clear();
    this.owner.clear();
    for (const row of shown) this.sink.unmount(row);
  }

  rowsList(): R[] {
    return [...this.rows.keys()];
  }
}
