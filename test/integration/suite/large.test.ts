// A large report is checked in the language server's process (src/lsp, started by the
// extension's language client) of the real VS Code: its findings arrive with exact ranges. The
// server's answers' equality with the library's are tested over a real connection (test/lsp/).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { allOurs, closeAllEditors, open, ruleId, waitForDiagnostics, workspaceUri } from './helpers.js';

describe('A large report in a real VS Code (extension host)', () => {
  it('is checked in the language server: 1.3 MB, 60,000 list items, a finding at its end with its exact range', async () => {
    const rel = 'large.trial.md';
    const text = `---\ntrial:\n  title: A long list\n  randomized: 76\n---\n\n# A long list\n\n## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\n${'- item x of the list\n'.repeat(60_000)}\n## Safety\n\nx\n\n## Conclusions\n\n80 patients were randomized.\n`;
    fs.writeFileSync(workspaceUri(rel).fsPath, text);
    try {
      const doc = await open(rel);
      // TR106: the text's 80 randomised against the front matter's 76, on the last lines.
      const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleId(x) === 'TR106'), 'TR106 on the large report', 120_000, allOurs);
      const tr106 = ds.find((x) => ruleId(x) === 'TR106')!;
      assert.equal(tr106.range.start.line, doc.lineCount - 2);
      assert.equal(doc.getText(tr106.range), '80');
      assert.equal(tr106.message, '80 patients disagrees with the front matter: the trial has 76 randomised.');
    } finally {
      await closeAllEditors();
      // Later suites check the whole folder (the task, the workspace check): leave it as it was.
      fs.rmSync(workspaceUri(rel).fsPath, { force: true });
    }
  }).timeout(180_000);
});
