// The extension host's side of the check worker (check-worker.ts): one worker thread, started on
// the first large document, jobs answered in order. If the worker fails, pending jobs reject and
// the next job starts a fresh worker; the analyzer then checks in-thread (see analyzer.ts).
import { Worker } from 'node:worker_threads';
import type { CheckJob, CheckReply, RenderJob, RenderReply, WorkerMessage } from './check-worker.js';

export type CheckDone = Extract<CheckReply, { ok: true }>;
type RenderDone = Extract<RenderReply, { ok: true }>;

export class CheckWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: CheckDone | RenderDone) => void; reject: (e: Error) => void }>();

  /** `script`: dist/extension-core.js, which serves checks when started as this worker. */
  constructor(private readonly script: string) {}

  /** Checks a document; the reply's `id` names this check's analysis for `render`. */
  run(job: Omit<CheckJob, 'id'>): Promise<CheckDone> {
    return this.ask<CheckDone>(job);
  }

  /** The preview's HTML of the analysis check `job.check` made; rejects when a later check replaced it. */
  async render(job: Omit<RenderJob, 'id'>): Promise<string> {
    return (await this.ask<RenderDone>(job)).html;
  }

  private ask<T extends CheckDone | RenderDone>(job: Omit<CheckJob, 'id'> | Omit<RenderJob, 'id'>): Promise<T> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      // The reply to job `id` is of the job's kind.
      this.pending.set(id, { resolve: resolve as (r: CheckDone | RenderDone) => void, reject });
      worker.postMessage({ ...job, id } satisfies WorkerMessage);
    });
  }

  /** Drops a closed document's incremental cache in the worker. */
  forget(key: string): void {
    this.worker?.postMessage({ forget: key } satisfies WorkerMessage);
  }

  dispose(): void {
    const w = this.worker;
    this.fail(new Error('the check worker was stopped'));
    void w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { trialReportCheckWorker: true } });
    // Never keeps the extension host alive on its own.
    w.unref();
    w.on('message', (r: CheckReply | RenderReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r);
      else p.reject(new Error(r.error));
    });
    // Only the current worker's end fails the pending jobs (an old one may exit later).
    w.on('error', (e) => this.worker === w && this.fail(e));
    w.on('exit', (code) => this.worker === w && this.fail(new Error(`the check worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  private fail(e: Error): void {
    this.worker = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(e);
  }
}
