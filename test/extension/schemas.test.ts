import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeLoadSchema, resolveSchemaRef, SchemaStore, UNTRUSTED_SCHEMA_MESSAGE } from '../../src/extension/schemas';

describe('extension/schemas', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-schemas-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns the same object while the file is unchanged, a new one after it changes', () => {
    const file = path.join(dir, 'house.schema.json');
    fs.writeFileSync(file, '{"type":"object"}');
    const store = new SchemaStore();
    const a = store.load(file);
    const b = store.load(file);
    assert.ok('schema' in a && 'schema' in b);
    assert.equal(a.schema, b.schema, 'same object: the core caches compiled schemas by identity');
    fs.writeFileSync(file, '{"type":"object","required":["trial"]}');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const c = store.load(file);
    assert.ok('schema' in c);
    assert.notEqual(c.schema, a.schema);
    assert.deepEqual(c.schema, { type: 'object', required: ['trial'] });
  });

  it('reports unreadable, non-JSON and non-object schemas', () => {
    const store = new SchemaStore();
    const missing = store.load(path.join(dir, 'nope.json'), './nope.json');
    assert.ok('error' in missing);
    assert.match(missing.error, /^Cannot read schema \.\/nope\.json: no such file/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ nope');
    const bad = store.load(path.join(dir, 'bad.json'), './bad.json');
    assert.ok('error' in bad);
    assert.match(bad.error, /^Cannot read schema \.\/bad\.json: not JSON/);
    fs.writeFileSync(path.join(dir, 'arr.json'), '[1]');
    const arr = store.load(path.join(dir, 'arr.json'));
    assert.ok('error' in arr && /must be a JSON object/.test(arr.error));
    const folder = store.load(dir);
    assert.ok('error' in folder);
  });

  it('resolves $schema relative to the document, refuses remote URLs', () => {
    assert.deepEqual(resolveSchemaRef('./h.json', dir), { path: path.join(dir, 'h.json') });
    assert.deepEqual(resolveSchemaRef('../h.json', dir), { path: path.resolve(dir, '..', 'h.json') });
    assert.ok('error' in resolveSchemaRef('https://example.org/s.json', dir));
    assert.ok('error' in resolveSchemaRef('./h.json', undefined));
    assert.ok('error' in resolveSchemaRef('  ', dir));
  });

  it('Restricted Mode: loads no workspace schema, reports an info', () => {
    fs.writeFileSync(path.join(dir, 'h.json'), '{}');
    let reads = 0;
    const store = new SchemaStore({
      stat: (p) => fs.statSync(p),
      readFile: (p) => {
        reads++;
        return fs.readFileSync(p, 'utf8');
      },
    });
    const untrusted = makeLoadSchema({ trusted: false, documentDir: dir, store });
    assert.deepEqual(untrusted('./h.json'), { error: UNTRUSTED_SCHEMA_MESSAGE, severity: 'info' });
    assert.equal(reads, 0);
    const trusted = makeLoadSchema({ trusted: true, documentDir: dir, store });
    assert.deepEqual(trusted('./h.json'), { schema: {} });
    assert.equal(reads, 1);
  });

  it('the bundled schema id resolves to the bundled schema, trusted or not', () => {
    const bundled = { id: 'https://trial-report.invalid/schemas/trial-summary.schema.json', schema: { title: 'bundled' } };
    const load = makeLoadSchema({ trusted: false, documentDir: dir, store: new SchemaStore(), bundled });
    assert.deepEqual(load(bundled.id), { schema: bundled.schema });
  });
});
