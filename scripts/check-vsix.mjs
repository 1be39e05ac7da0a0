#!/usr/bin/env node
// Verifies the packaged VSIX holds only what runs (issue: "It must contain only what runs"):
// fails if a source, test, map or dependency file slipped in, or a runtime file is missing.
import yauzl from 'yauzl';

const file = process.argv[2] ?? 'trial-report.vsix';
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/media/preview.css', 'extension/media/preview.js', 'extension/schemas/trial-summary.schema.json', 'extension/readme.md', 'extension/changelog.md'];
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/media\/[\w.-]+\.(css|js|svg|png)$/,
  /^extension\/docs\/rules\/TR\d{3}\.md$/,
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
  zip.on('entry', (e) => {
    names.push(e.fileName);
    zip.readEntry();
  });
  zip.on('end', () => {
    const lower = names.map((n) => n.toLowerCase());
    const extra = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
    const missing = REQUIRED.filter((r) => !lower.includes(r.toLowerCase()));
    for (const n of extra) console.error(`check-vsix: unexpected file in the VSIX: ${n}`);
    for (const n of missing) console.error(`check-vsix: missing from the VSIX: ${n}`);
    if (extra.length || missing.length) process.exit(1);
    console.log(`check-vsix: ${file} holds ${names.length} files, all of them needed at run time`);
  });
  zip.readEntry();
});
