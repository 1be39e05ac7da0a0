// The check worker (src/extension/check-worker.ts, worker-client.ts): the same answer as a check
// in the calling thread, through a real structured clone (a MessageChannel, then a real worker
// thread running the built dist/extension-core.js).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { analyzeDocument, BUNDLED_SCHEMA, createAnalysisCache } from '../../src/core/index.js';
import { markdownParseCount } from '../../src/core/parse.js';
import { type CheckJob, type CheckReply, type CliMessage, type RenderReply, serveChecks, WORKER_MIN_CHARS, type WorkerMessage } from '../../src/extension/check-worker.js';
import { CheckWorkerClient } from '../../src/extension/worker-client.js';
import { renderReportBody, type RenderOptions } from '../../src/preview/render.js';
import { bigReport } from '../fuzz/big-report.js';
import { fixturesDir, repoRoot } from '../helpers.js';

const bundledId = (BUNDLED_SCHEMA as { $id: string }).$id;
const seedPath = path.join(repoRoot(), 'examples/il2-lupus-news.trial.md');
const seed = fs.readFileSync(seedPath, 'utf8');

function job(text: string, fileName: string, extra: Partial<CheckJob> = {}): Omit<CheckJob, 'id'> {
  return { key: fileName, text, options: { fileName }, schemaLoading: { trusted: true, documentDir: path.dirname(fileName) }, ...extra };
}

describe('extension/check-worker: checks off the calling thread', () => {
  it('answers over a MessageChannel exactly as analyzeDocument in this thread (findings, suppressions, model)', async () => {
    const { port1, port2 } = new MessageChannel();
    serveChecks(port1, { analyzeDocument, createAnalysisCache, renderReportBody, BUNDLED_SCHEMA });
    const files = [seedPath, ...fs.readdirSync(fixturesDir()).filter((f) => f.endsWith('.md')).map((f) => path.join(fixturesDir(), f))];
    try {
      for (const [i, file] of files.entries()) {
        const text = fs.readFileSync(file, 'utf8');
        const reply = await new Promise<CheckReply>((resolve) => {
          port2.once('message', resolve);
          port2.postMessage({ ...job(text, file), id: i });
        });
        assert.ok(reply.ok, `${file}: ${'error' in reply ? reply.error : ''}`);
        const here = analyzeDocument(text, { fileName: file });
        assert.equal(reply.id, i);
        assert.deepStrictEqual(reply.findings, here.findings, file);
        assert.deepStrictEqual(reply.suppressions, here.suppressions, file);
        // deepStrictEqual compares prototypes too: the model must be plain data to cross threads.
        assert.deepStrictEqual(reply.model, here.model, file);
      }
    } finally {
      port1.close();
    }
  });

  it('loads a $schema the document names, reports it back, and refuses it when the folder is not trusted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-worker-'));
    try {
      fs.writeFileSync(path.join(dir, 'house.schema.json'), JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['trial'], properties: { trial: { type: 'object', required: ['sponsor'] } } }));
      const file = path.join(dir, 'h.trial.md');
      const text = '---\n$schema: ./house.schema.json\ntrial:\n  title: T\n---\n\n# T\n';
      const { port1, port2 } = new MessageChannel();
      serveChecks(port1, { analyzeDocument, createAnalysisCache, renderReportBody, BUNDLED_SCHEMA });
      const ask = (trusted: boolean) => new Promise<CheckReply>((resolve) => {
        port2.once('message', resolve);
        port2.postMessage({ ...job(text, file, { schemaLoading: { trusted, documentDir: dir } }), id: 1 });
      });
      const trusted = await ask(true);
      assert.ok(trusted.ok);
      assert.deepEqual((trusted.loadedSchema as { properties?: unknown } | undefined)?.properties, { trial: { type: 'object', required: ['sponsor'] } });
      assert.ok(trusted.findings.some((f) => f.ruleId === 'TR201' && /sponsor/.test(f.message)), JSON.stringify(trusted.findings));
      const restricted = await ask(false);
      assert.ok(restricted.ok);
      assert.equal(restricted.loadedSchema, undefined);
      assert.ok(restricted.findings.some((f) => f.ruleId === 'TR203' && /trusted/.test(f.message)));
      // The bundled schema's own id loads the worker's bundled schema, trusted or not.
      const own = await new Promise<CheckReply>((resolve) => {
        port2.once('message', resolve);
        port2.postMessage({ ...job(text.replace('./house.schema.json', bundledId), file, { schemaLoading: { trusted: false, documentDir: dir } }), id: 2 });
      });
      assert.ok(own.ok);
      assert.equal(own.loadedSchema && (own.loadedSchema as { $id?: string }).$id, bundledId);
      assert.ok(!own.findings.some((f) => f.ruleId === 'TR203'), JSON.stringify(own.findings));
      port1.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders the preview from the check's own parse in the worker, and refuses an analysis a later check replaced", async () => {
    const { port1, port2 } = new MessageChannel();
    serveChecks(port1, { analyzeDocument, createAnalysisCache, renderReportBody, BUNDLED_SCHEMA });
    const ask = <T>(m: WorkerMessage) => new Promise<T>((resolve) => {
      port2.once('message', resolve);
      port2.postMessage(m);
    });
    const options: RenderOptions = { mode: 'webview', version: 3, title: 'seed' };
    try {
      const edited = seed.replace('## Methods', '## Methods\n\nOne more line.');
      assert.ok((await ask<CheckReply>({ ...job(seed, seedPath), id: 1 })).ok);
      // The same thread here, so the counter sees the worker's parses: the render adds none.
      const parses = markdownParseCount();
      const first = await ask<RenderReply>({ id: 2, render: seedPath, check: 1, options });
      assert.equal(markdownParseCount(), parses, 'the render parses nothing');
      assert.ok(first.ok, 'error' in first ? first.error : '');
      assert.equal(first.html, renderReportBody(analyzeDocument(seed, { fileName: seedPath }), options));
      assert.ok((await ask<CheckReply>({ ...job(edited, seedPath), id: 3 })).ok);
      const stale = await ask<RenderReply>({ id: 4, render: seedPath, check: 1, options });
      assert.ok(!stale.ok && /stale/.test(stale.error));
      const second = await ask<RenderReply>({ id: 5, render: seedPath, check: 3, options });
      assert.ok(second.ok && second.html.includes('One more line.'));
      port2.postMessage({ forget: seedPath } satisfies WorkerMessage);
      const forgotten = await ask<RenderReply>({ id: 6, render: seedPath, check: 3, options });
      assert.ok(!forgotten.ok);
    } finally {
      port1.close();
    }
  });

  it('a real worker thread on dist/extension-core.js checks a large report, and versions in order', async function () {
    this.timeout(60_000);
    const client = new CheckWorkerClient(path.join(repoRoot(), 'dist/extension-core.js'));
    try {
      const big = bigReport(WORKER_MIN_CHARS + 10_000);
      const edited = big.replace('60% of 38 patients', '61% of 38 patients');
      const [a, b] = await Promise.all([client.run(job(big, 'big.trial.md')), client.run(job(edited, 'big.trial.md'))]);
      assert.deepStrictEqual(a.findings, analyzeDocument(big, { fileName: 'big.trial.md' }).findings);
      // The second version reuses the worker's incremental cache for the document: same answer as fresh.
      assert.deepStrictEqual(b.findings, analyzeDocument(edited, { fileName: 'big.trial.md' }).findings);
      assert.notDeepStrictEqual(a.findings, b.findings);
      const s = await client.run(job(seed, seedPath));
      assert.deepStrictEqual(s.model, analyzeDocument(seed, { fileName: seedPath }).model);
      // The large report's preview, rendered in the worker from its parse of the last version.
      const options: RenderOptions = { mode: 'webview', version: 2, title: 'big' };
      assert.equal(await client.render({ render: 'big.trial.md', check: b.id, options }), renderReportBody(analyzeDocument(edited, { fileName: 'big.trial.md' }), options));
      await assert.rejects(client.render({ render: 'big.trial.md', check: a.id, options }), /stale/);
    } finally {
      client.dispose();
    }
  });

  it('a worker that fails rejects its pending jobs, and the next job starts a new worker', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-worker-'));
    const script = path.join(dir, 'w.js');
    fs.writeFileSync(script, "throw new Error('boom');\n");
    const client = new CheckWorkerClient(script);
    try {
      await assert.rejects(client.run(job(seed, seedPath)), /boom/);
      fs.copyFileSync(path.join(repoRoot(), 'dist/extension-core.js'), script);
      const ok = await client.run(job(seed, seedPath));
      assert.ok(ok.findings.length > 0);
    } finally {
      client.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs the task's CLI in a worker: its output as it comes, then the CLI's exit code", async function () {
    this.timeout(30_000);
    const run = (argv: string[]) => new Promise<{ out: string; exit: number }>((resolve, reject) => {
      let out = '';
      const w = new Worker(path.join(repoRoot(), 'dist/extension-core.js'), { workerData: { trialReportCli: { argv, cwd: repoRoot() } } });
      w.on('message', (m: CliMessage) => {
        if ('out' in m) out += m.out;
        else resolve({ out, exit: m.exit });
      });
      w.on('error', reject);
    });
    const seedRun = await run(['check', '--format', 'text', 'examples/il2-lupus-news.trial.md']);
    assert.equal(seedRun.exit, 0, seedRun.out);
    assert.equal(seedRun.out.split('\n').filter((l) => /^examples\/il2-lupus-news\.trial\.md:\d+:\d+\s+warning\s+TR104\s/.test(l)).length, 4, seedRun.out);
    const missing = await run(['check', 'no/such/file.trial.md']);
    assert.equal(missing.exit, 2, missing.out);
  });
});
