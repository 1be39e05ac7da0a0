// The server's error boundary: every handler runs through `guarded`, so an exception (a bug, a
// document no one foresaw) is logged and answered with a harmless value (no diagnostics, no
// actions, no hover, or the previous answer), and the server keeps answering.
import type { RemoteConsole } from 'vscode-languageserver/node';

export class ServerLog {
  private readonly once = new Set<string>();

  /** The client's log (`window/logMessage`): `log.console.info(…)`. */
  constructor(readonly console: RemoteConsole) {}

  /** Logs a warning only the first time its key is seen. */
  warnOnce(key: string, message: string): void {
    if (!this.once.has(key)) this.console.warn(message);
    this.once.add(key);
  }

  error(context: string, e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    this.console.error(`${context}: ${err.stack ?? err.message}`);
  }

  /**
   * `fn`, with anything it throws or rejects with logged and `fallback` returned instead. A
   * cancellation (`isCancellation`) passes through: the connection answers it as such.
   */
  guarded<A extends unknown[], R>(context: string, fn: (...args: A) => R | Promise<R>, fallback: () => NoInfer<R>, isCancellation: (e: unknown) => boolean = () => false): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (isCancellation(e)) throw e;
        this.error(context, e);
        return fallback();
      }
    };
  }
}
