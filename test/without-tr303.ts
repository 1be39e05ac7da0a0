// TR303 (reporting-item-missing, info) is the CONSORT for Abstracts checklist: it names what a
// summary leaves out (registration, numbers analysed, an effect size with its CI, harms,
// funding), so it has something to say about nearly every fixture. The tests of the other rules
// compare exact findings and run with TR303 off (unless a test sets it itself); TR303 is tested
// in test/extension/reporting-items.test.ts and by the examples of docs/rules/TR303.md.
import { checkDocument as coreCheckDocument } from '../src/core/index.js';
import type { CheckOptions, CheckResult } from '../src/core/index.js';

export function checkDocument(text: string, options: CheckOptions = {}): CheckResult {
  return coreCheckDocument(text, { ...options, rules: { TR303: 'off', ...options.rules } });
}
