// Bugs the fuzzer found that are not fixed yet (test/fuzz/regressions/README.md lists them with
// reproducers). The CI properties tolerate a problem that matches one of these, count it, and
// still fail on anything else; delete an entry once its bug is fixed (and set "pending": false in
// its regression files), and the properties hold the checker to it from then on.
export interface KnownBug {
  id: string;
  matches(problem: string, text: string): boolean;
}

const outside = (p: string): boolean => /: (column|line) \d+ outside /.test(p);

export const KNOWN_BUGS: KnownBug[] = [
  // A leading BOM shifts every range by one UTF-16 unit; it shows as "outside" only where the
  // shifted column lands in a CRLF pair.
  { id: 'F1', matches: (p, text) => outside(p) && text.startsWith('\uFEFF') },
  // LineIndex.position() of an offset between CR and LF is column = line length + 2.
  { id: 'F2', matches: (p, text) => outside(p) && text.includes('\r') },
  { id: 'F3', matches: (p) => /internal error \(a rule threw\): Internal error in TR103 .*BigInt/.test(p) },
  { id: 'F4', matches: (p) => /internal error \(a rule threw\): Internal error in TR105 .*Division by zero/.test(p) },
  { id: 'F5', matches: (p) => /internal error \(a rule threw\): Internal error in TR111 .*toFixed/.test(p) },
  // Front matter nested thousands deep overflows the stack inside the YAML parser; the overflow is
  // reported as a syntax error whose details depend on how much stack was left: not deterministic.
  { id: 'F11', matches: (p, text) => /^not deterministic/.test(p) && nestingDepth(text) > 1000 },
];

/** Deepest nesting of flow brackets and braces, a cheap stand-in for YAML depth. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

/** Splits problems into those of known pending bugs (by id) and the rest. */
export function partitionKnown(problems: string[], text: string): { known: string[]; rest: string[] } {
  const known: string[] = [];
  const rest: string[] = [];
  for (const p of problems) {
    const bug = KNOWN_BUGS.find((b) => b.matches(p, text));
    if (bug) known.push(bug.id);
    else rest.push(p);
  }
  return { known, rest };
}
