// Bugs the fuzzer found that are not fixed yet (test/fuzz/regressions/README.md lists them with
// reproducers). The CI properties tolerate a problem that matches one of these, count it, and
// still fail on anything else; delete an entry once its bug is fixed (and set "pending": false in
// its regression files), and the properties hold the checker to it from then on.
export interface KnownBug {
  id: string;
  matches(problem: string, text: string): boolean;
}

export const KNOWN_BUGS: KnownBug[] = [
  // F1–F5 and F11 are fixed (test/fuzz/regressions/README.md, "Fixed"): none is tolerated now.
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
