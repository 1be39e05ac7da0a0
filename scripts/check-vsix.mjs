#!/usr/bin/env node
// Verifies the packaged VSIX holds only what runs (issue: "It must contain only what runs"):
// fails if a source, test, map or dependency file slipped in, a runtime file is missing, a picture
// is shipped that the README (the details page) does not show, or the VSIX passes 1 MB (issue 7).
import { statSync } from 'node:fs';
import yauzl from 'yauzl';

const file = process.argv[2] ?? 'trial-report.vsix';
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/extension-core.js', 'extension/dist/extension-client.js', 'extension/media/preview.css', 'extension/media/preview.js', 'extension/schemas/trial-summary.schema.json', 'extension/readme.md', 'extension/changelog.md'];
const MAX_BYTES = 1024 * 1024;
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/extension(-core|-client)?\.js$/,
  /^extension\/media\/[\w.-]+\.(css|js|svg|png)$/,
  /^extension\/docs\/rules\/(TR\d{3}|README)\.md$/,
  /^extension\/docs\/[\w.-]+\.md$/,
  /^extension\/docs\/[\w.-]+\.png$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.code-snippets$/,
];

yauzl.open(file, { lazyEntries: true }, (err, zip) => {
  if (err) {
    console.error(`check-vsix: cannot open ${file}: ${err.message}`);
    process.exit(2);
  }
  const names = [];
  let readme = '';
  zip.on('entry', (e) => {
    names.push(e.fileName);
    if (e.fileName.toLowerCase() !== 'extension/readme.md') return zip.readEntry();
    zip.openReadStream(e, (error, stream) => {
      if (error) throw error;
      stream.on('data', (chunk) => (readme += chunk));
      stream.on('end', () => zip.readEntry());
    });
  });
  zip.on('end', () => {
    const lower = names.map((n) => n.toLowerCase());
    const extra = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
    const missing = REQUIRED.filter((r) => !lower.includes(r.toLowerCase()));
    const unshown = names.filter((n) => /^extension\/docs\/[^/]+\.png$/.test(n) && !readme.includes(`(${n.slice('extension/'.length)})`));
    const bytes = statSync(file).size;
    for (const n of extra) console.error(`check-vsix: unexpected file in the VSIX: ${n}`);
    for (const n of missing) console.error(`check-vsix: missing from the VSIX: ${n}`);
    for (const n of unshown) console.error(`check-vsix: a picture the README does not show: ${n}`);
    if (bytes > MAX_BYTES) console.error(`check-vsix: ${file} is ${(bytes / 1024).toFixed(0)} KB, over ${MAX_BYTES / 1024} KB`);
    if (extra.length || missing.length || unshown.length || bytes > MAX_BYTES) process.exit(1);
    console.log(`check-vsix: ${file} holds ${names.length} files, all of them needed at run time (${(bytes / 1024).toFixed(0)} KB)`);
  });
  zip.readEntry();
});
