// The error boundary: everything the extension does on an event or command runs through
// `guard`, so nothing is thrown into the editor. Errors go to the 'Trial Report' output channel
// (a log channel, so the user's log level applies) and at most one error message per session.
import * as vscode from 'vscode';

export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private shownError = false;
  private readonly onceKeys = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Trial Report', { log: true });
  }

  trace(msg: string): void {
    this.channel.trace(msg);
  }
  info(msg: string): void {
    this.channel.info(msg);
  }
  warn(msg: string): void {
    this.channel.warn(msg);
  }

  /** Logs a message only the first time this key is seen in the session. */
  warnOnce(key: string, msg: string): void {
    if (this.onceKeys.has(key)) return;
    this.onceKeys.add(key);
    this.channel.warn(msg);
  }

  /** Logs an unexpected error; shows one error message per session, with a way to the log. */
  error(context: string, e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    this.channel.error(`${context}: ${err.stack ?? err.message}`);
    if (this.shownError) return;
    this.shownError = true;
    void vscode.window.showErrorMessage(`Trial Report: ${context} failed (${err.message}). Details are in the Trial Report output.`, 'Show Output').then(
      (pick) => {
        if (pick) this.channel.show(true);
      },
      () => undefined,
    );
  }

  /** Runs `fn`, catching (and reporting) anything it throws or rejects with. */
  guard<A extends unknown[]>(context: string, fn: (...args: A) => unknown): (...args: A) => Promise<void> {
    return async (...args: A) => {
      try {
        await fn(...args);
      } catch (e) {
        this.error(context, e);
      }
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}
