// The preview's trailing throttle (renders and scroll sync), free of `vscode` so it is
// unit-tested with fake timers. (Checks are scheduled by the language server: src/lsp/diagnostics.ts.)

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

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
