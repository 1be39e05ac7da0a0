// Pathological Markdown bodies for F13 (deeply nested containers) and F15 (long delimiter runs):
// test/core/nesting.test.ts asserts their structural bounds, `npm run stress` times them.

const ladder = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\n';

/** CI-sized bodies (each well under 100 KB but the 400-level ladder). */
export const PATHOLOGICAL: Record<string, string> = {
  'F13: 400 nested list levels, one a line (the reproducer)': ladder(400, (i) => `${'  '.repeat(i)}- 23/38 (60%)`),
  'F13: 2,000 nested list levels on one line': `${'- '.repeat(2000)}60% of 38\n`,
  'F13: 10,000 nested list levels on one line': `${'- '.repeat(10_000)}60% of 38\n`,
  'F13: 10,000 nested ordered lists on one line': `${'1. '.repeat(10_000)}60% of 38\n`,
  'F13: 10,000 nested block quotes': `${'>'.repeat(10_000)} 60% of 38\n`,
  'F13: 10,000 levels of mixed "> - "': `${'> - '.repeat(10_000)}60% of 38\n`,
  'F13: 300 lines of block quotes, one deeper each': ladder(300, (i) => `${'> '.repeat(i + 1)}60% of 38`),
  'F13: 300 lines of "> - ", one deeper each': ladder(300, (i) => `${'> - '.repeat(i + 1)}60% of 38`),
  'F13: tabs and lazy lines under 150 block quotes': `${'>\t'.repeat(150)}60% of 38\nlazy 23/38\n`.repeat(50),
  'F15: *_ × 5,000, text, _* × 5,000 (the reproducer)': `${'*_'.repeat(5000)}60% of 38${'_*'.repeat(5000)}\n`,
  'F15: nested strong and emphasis × 5,000': `${'*a **a '.repeat(5000)}b${' a** a*'.repeat(5000)}\n`,
  'F15: 30,000 closers without openers': `${'a_ '.repeat(30_000)}\n`,
  'F15: mismatched *a_ × 20,000 over lines': `${'*a_ *a_ *a_\n'.repeat(7000)}`,
  'F15: nested brackets × 20,000': `${'['.repeat(20_000)}a${']'.repeat(20_000)}\n`,
  'F16: 3,000 two-level list items': '- a\n  - 23/38 (60%)\n'.repeat(3000),
  'F16: 2,000 lines of "- - - - - x"': '- - - - - 60% of 38\n'.repeat(2000),
  'F16: 1,500 loose nested items (blank lines between)': '- a\n\n  - 60% of 38\n\n'.repeat(1500),
  'F15: unclosed link destinations on one 50 KB line': `${'[a](<b '.repeat(7000)}\n`,
  'F15: unclosed links on one 50 KB line': `${'[ (]( '.repeat(8000)}\n`,
};


/** The full-size cases `npm run stress` times (bodies; the caller adds front matter). */
export function stressBodies(): [string, string][] {
  return [
    ['F13: 400 nested list levels, one a line', ladder(400, (i) => `${'  '.repeat(i)}- 23/38 (60%)`)],
    ['F13: 2,000 nested list levels, one a line', ladder(2000, (i) => `${'  '.repeat(i)}- 23/38 (60%)`)],
    ['F13: 10,000 nested list levels on one line', `${'- '.repeat(10_000)}60% of 38\n`],
    ['F13: 10,000 levels of "> - " on one line', `${'> - '.repeat(10_000)}60% of 38\n`],
    ['F13: 2,000 lines of block quotes, one deeper each', ladder(2000, (i) => `${'>'.repeat(i + 1)} 60% of 38`)],
    ['F15: 100 KB of emphasis runs (*_ … _*)', `${'*_'.repeat(25_000)}60% of 38${'_*'.repeat(25_000)}\n`],
    ['F15: 100 KB of nested strong and emphasis', `${'*a **a '.repeat(7000)}b${' a** a*'.repeat(7000)}\n`],
    ['F15: 100 KB of closers without openers', `${'a_ '.repeat(33_000)}\n`],
    ['F16: 100 KB of two-level list items', '- a\n  - 23/38 (60%)\n'.repeat(5000)],
    ['F16: 100 KB of "- - - - - x" lines', '- - - - - 60% of 38\n'.repeat(5000)],
    ['F15: 100 KB line of unclosed link destinations ([a](<b)', `${'[a](<b '.repeat(14_300)}\n`],
    ['F15: 100 KB line of unclosed links ([ (]()', `${'[ (]( '.repeat(16_600)}\n`],
  ];
}
