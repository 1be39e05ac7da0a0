// Timing helpers for checks and previews, free of `vscode` so they are unit-tested with fake
// timers: a per-key debounce, a "latest result only" version guard, and a trailing throttle.
// (The pattern of VS Code's Markdown preview and markdownlint: check at once on open and save,
// ~300 ms after the last edit, and drop a result whose document version moved on.)

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Runs a callback `ms` after the last `schedule` for the same key. */
export class Debouncer<K> {
  private readonly pending = new Map<K, unknown>();

  constructor(private readonly timers: Timers = realTimers) {}

  schedule(key: K, ms: number, fn: () => void): void {
    this.cancel(key);
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(key);
      fn();
    }, Math.max(0, ms));
    this.pending.set(key, handle);
  }

  cancel(key: K): void {
    const h = this.pending.get(key);
    if (h !== undefined) {
      this.timers.clearTimeout(h);
      this.pending.delete(key);
    }
  }

  isPending(key: K): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const h of this.pending.values()) this.timers.clearTimeout(h);
    this.pending.clear();
  }
}

export interface Ticket<K> {
  readonly key: K;
  readonly version: number;
  readonly seq: number;
}

/**
 * Keeps only the newest result per key: a result is current when no later run for its key
 * started, and the document is still at the version the run read (`undefined`: closed).
 */
export class VersionGuard<K> {
  private seq = 0;
  private readonly latest = new Map<K, number>();

  begin(key: K, version: number): Ticket<K> {
    const seq = ++this.seq;
    this.latest.set(key, seq);
    return { key, version, seq };
  }

  isCurrent(ticket: Ticket<K>, currentVersion: number | undefined): boolean {
    return this.latest.get(ticket.key) === ticket.seq && currentVersion === ticket.version;
  }

  /** Invalidates every run in flight for the key (a closed document). */
  forget(key: K): void {
    this.latest.delete(key);
  }

  /** Invalidates every run in flight (settings changed: results computed with old options). */
  forgetAll(): void {
    this.latest.clear();
  }
}

/**
 * Runs the latest requested callback at most once per `ms`: the first request after a quiet
 * period runs at once, requests inside the window collapse into one trailing run of the last.
 */
export class Throttle {
  private timer: unknown;
  private next: (() => void) | undefined;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ms: () => number,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = Date.now,
  ) {}

  request(fn: () => void): void {
    this.next = fn;
    if (this.timer !== undefined) return;
    const wait = this.last + this.ms() - this.now();
    if (wait <= 0) this.fire();
    else this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, wait);
  }

  private fire(): void {
    const fn = this.next;
    this.next = undefined;
    this.last = this.now();
    fn?.();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.next = undefined;
  }
}
