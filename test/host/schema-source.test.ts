// The one schema loader both hosts use (src/host/schema-source.ts): where a reference points on
// every OS, what is refused (anything remote), what is read, and the cache that hands the core
// the same object for an unchanged file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  isAbsoluteSchemaPath,
  makeLoadSchema,
  MAX_SCHEMA_BYTES,
  resolveSchemaPath,
  type SchemaFs,
  SchemaStore,
  UNTRUSTED_SCHEMA_MESSAGE,
} from '../../src/host/schema-source';

/** A file system of one regular file, `size` bytes long, that counts its reads. */
function fakeFs(content: string, size = Buffer.byteLength(content)): SchemaFs & { reads: number } {
  const fake = {
    reads: 0,
    stat: () => ({ mtimeMs: 1, size, isFile: () => true, isDirectory: () => false }),
    readFile: () => {
      fake.reads++;
      return Buffer.from(content);
    },
  };
  return fake;
}

describe('host/schema-source', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-schemas-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('resolveSchemaPath', () => {
    it('reads a relative path from the base folder', () => {
      assert.deepEqual(resolveSchemaPath('./h.json', dir), { path: path.join(dir, 'h.json') });
      assert.deepEqual(resolveSchemaPath('h.json', dir), { path: path.join(dir, 'h.json') });
      assert.deepEqual(resolveSchemaPath('../h.json', dir), { path: path.resolve(dir, '..', 'h.json') });
      assert.deepEqual(resolveSchemaPath('  ./h.json ', dir), { path: path.join(dir, 'h.json') }, 'trimmed');
    });

    it('a relative path without a base folder is an error saying what it needs', () => {
      const r = resolveSchemaPath('./h.json', undefined);
      assert.ok('error' in r);
      assert.equal(r.error, 'Cannot read the schema ./h.json: a relative path needs the document saved in a local folder.');
      const s = resolveSchemaPath('h.json', undefined, { needsBase: 'the document to be in a workspace folder' });
      assert.ok('error' in s && s.error.endsWith('needs the document to be in a workspace folder.'));
    });

    it('keeps a POSIX absolute path', function () {
      if (process.platform === 'win32') this.skip(); // `/x` is the base folder's drive root there
      assert.deepEqual(resolveSchemaPath('/schemas/x.json', dir), { path: '/schemas/x.json' });
      assert.deepEqual(resolveSchemaPath('/schemas/../x.json', undefined), { path: '/x.json' });
    });

    it('reads Windows absolute paths as Windows paths on every OS, never as a URL scheme', () => {
      for (const ref of ['C:\\schemas\\x.json', 'C:/schemas/x.json', 'c:/schemas/./x.json']) {
        const r = resolveSchemaPath(ref, dir);
        assert.ok('path' in r, `${ref}: ${JSON.stringify(r)}`);
        assert.equal(r.path, path.win32.normalize(ref), ref);
        assert.equal(r.path.toLowerCase(), 'c:\\schemas\\x.json');
      }
      assert.deepEqual(resolveSchemaPath('C:\\x.json', undefined), { path: 'C:\\x.json' }, 'no base folder needed');
      assert.deepEqual(resolveSchemaPath('\\\\server\\share\\schemas\\x.json', dir), { path: '\\\\server\\share\\schemas\\x.json' });
      const driveRelative = resolveSchemaPath('C:x.json', dir);
      assert.ok('error' in driveRelative && /a drive letter needs the full path/.test(driveRelative.error));
      assert.doesNotMatch(driveRelative.error, /never fetches/);
    });

    it('turns a file: URL into its path', () => {
      const file = path.join(dir, 'house schema.json');
      assert.deepEqual(resolveSchemaPath(pathToFileURL(file).href, undefined), { path: file });
      assert.deepEqual(resolveSchemaPath(pathToFileURL(file).href.replace(/^file:/, 'FILE:'), dir), { path: file }, 'scheme case');
      const remoteHost = resolveSchemaPath('file://example.org/share/x.json', dir);
      if (process.platform !== 'win32') assert.ok('error' in remoteHost && /not a local file: URL/.test(remoteHost.error));
    });

    it('refuses every other URL scheme, never fetching: http, https, data, ftp, …', () => {
      for (const ref of ['http://example.org/s.json', 'https://example.org/s.json', 'data:application/json,{}', 'ftp://example.org/s.json', 'vscode-vfs://github/x/s.json', 'urn:x-schema:1']) {
        const r = resolveSchemaPath(ref, dir);
        assert.ok('error' in r, ref);
        assert.equal(r.error, `The schema ${ref} is not a local file; trial-report never fetches schemas. Save it beside the document and name it by its path.`);
      }
    });

    it('an empty reference is an error; messages name the reference as written', () => {
      assert.ok('error' in resolveSchemaPath('  ', dir));
      const r = resolveSchemaPath('https://x.invalid/s.json', dir, { shown: '${workspaceFolder}/s.json' });
      assert.ok('error' in r && r.error.startsWith('The schema ${workspaceFolder}/s.json is not a local file'));
    });

    it('isAbsoluteSchemaPath: absolute in any OS form or a file: URL', () => {
      for (const p of ['C:\\x.json', 'C:/x.json', '\\\\server\\share\\x.json', 'file:///x.json', path.resolve('x.json')]) assert.equal(isAbsoluteSchemaPath(p), true, p);
      for (const p of ['x.json', './x.json', '../x.json', 'C:x.json', 'https://x.invalid/s.json']) assert.equal(isAbsoluteSchemaPath(p), false, p);
    });
  });

  describe('SchemaStore', () => {
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

    it('reads an unchanged file once', () => {
      const fake = fakeFs('{}');
      const store = new SchemaStore(fake);
      const a = store.load('/s.json');
      assert.equal(store.load('/s.json'), a);
      assert.equal(fake.reads, 1);
      store.clear();
      store.load('/s.json');
      assert.equal(fake.reads, 2);
    });

    it('reports a missing file, a folder, a file that is not JSON, not UTF-8 or not an object', () => {
      const store = new SchemaStore();
      assert.deepEqual(store.load(path.join(dir, 'nope.json'), './nope.json'), { error: 'Cannot read the schema ./nope.json: no such file or directory.' });
      assert.deepEqual(store.load(dir, './'), { error: 'Cannot read the schema ./: it is a folder.' });
      fs.writeFileSync(path.join(dir, 'bad.json'), '{ nope');
      const bad = store.load(path.join(dir, 'bad.json'), './bad.json');
      assert.ok('error' in bad);
      assert.match(bad.error, /^Cannot read the schema \.\/bad\.json: not JSON \(.+\)\.$/);
      fs.writeFileSync(path.join(dir, 'latin1.json'), Buffer.from('{"title":"caf\xe9"}', 'latin1'));
      assert.deepEqual(store.load(path.join(dir, 'latin1.json'), 'latin1.json'), { error: 'Cannot read the schema latin1.json: not UTF-8 text.' });
      fs.writeFileSync(path.join(dir, 'arr.json'), '[1]');
      assert.deepEqual(store.load(path.join(dir, 'arr.json'), 'arr.json'), { error: 'Cannot read the schema arr.json: a JSON Schema must be a JSON object.' });
    });

    it('accepts a byte order mark', () => {
      assert.deepEqual(new SchemaStore(fakeFs('\uFEFF{"type":"object"}')).load('/s.json'), { schema: { type: 'object' } });
    });

    it('refuses a file larger than the limit without reading it', () => {
      const fake = fakeFs('{}', MAX_SCHEMA_BYTES + 1);
      const r = new SchemaStore(fake).load('/big.json', 'big.json');
      assert.ok('error' in r && /^Cannot read the schema big\.json: larger than 5 MB/.test(r.error), JSON.stringify(r));
      assert.equal(fake.reads, 0);
    });
  });

  describe('makeLoadSchema', () => {
    it('reads a $schema relative to the document', () => {
      fs.writeFileSync(path.join(dir, 'h.json'), '{"title":"house"}');
      const load = makeLoadSchema({ trusted: true, documentDir: dir, store: new SchemaStore() });
      assert.deepEqual(load('./h.json'), { schema: { title: 'house' } });
      assert.ok('error' in load('https://example.org/s.json'));
    });

    it('Restricted Mode: loads no workspace schema, reports an info', () => {
      fs.writeFileSync(path.join(dir, 'h.json'), '{}');
      let reads = 0;
      const store = new SchemaStore({
        stat: (p) => fs.statSync(p),
        readFile: (p) => {
          reads++;
          return fs.readFileSync(p);
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
});
