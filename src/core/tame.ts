// micromark is super-linear on some shapes no report has: containers nested hundreds deep (each
// line re-matches, and each marker re-scans, every container above it) and paragraphs with
// thousands of emphasis delimiters (each closer walks back over the paragraph, each match
// re-resolves what it encloses). Before parsing, such text is rewritten with characters of the
// same length, so every offset, line and column of the original stays valid; text within the
// caps is left alone, so a report parses exactly as before.
//
// - Containers: a `>` or list marker that starts at column 100 or later becomes spaces. Every
//   container a line opens or continues takes at least one column of the line, and no marker is
//   left past the cap, so no line is more than 100 containers deep; the rest of the line is read
//   as indented code or as text of the container it reached.
// - Emphasis: after 1,000 runs of `*` or `_` in a stretch of non-blank lines (a paragraph never
//   spans a blank line), later runs become look-alikes micromark does not treat as delimiters
//   (U+2217 `∗`, U+FF3F `＿`), i.e. plain text. Likewise `]` (U+FF3D `］`) after 1,000 in a
//   stretch, or after 100 on one line longer than 10,000 characters: each `](` scans for its
//   destination to the end of the line, so a long line of them is quadratic. The same holds for
//   `<` opening a tag or autolink (`<b`, `</`, `<!`, `<?`): after 100 on such a line, U+FF1C `＜`
//   (`p < 0.05` has a space after `<` and is never touched).
// - Nested list items: micromark's work grows with the square of the items of a list nested in
//   another (about 16 s for 8,000 two-level items). After 500 list markers past column 0 in one
//   list, later ones become look-alikes (`‐`, `∗`, `＋`, `．`, `）`), so the line reads as text of
//   the item above. A list ends at a blank line followed by a line at column 0 that is not a
//   list item or a block quote; the count starts again there.
//
// The rewrite works line by line and resets at blank lines; chunks (chunks.ts) start after a
// blank line, so a chunk is rewritten alone exactly as inside the whole document. Front matter
// is never rewritten. Deep content is read silently, the way `MAX_NESTING` in parse.ts is.

/** Container markers from this column on (0-based, tabs to multiples of 4) are neutralised. */
export const MAX_CONTAINER_COLUMN = 100;
/** Runs of `*` or `_` (or `]`) kept as delimiters in one stretch of non-blank lines. */
export const MAX_DELIMITER_RUNS = 1000;
/** `]` kept on one line longer than `LONG_LINE` characters. */
export const MAX_CLOSERS_LONG_LINE = 100;
export const LONG_LINE = 10_000;
/** List markers past column 0 kept in one list. */
export const MAX_NESTED_ITEMS = 500;

const LOOK_ALIKE: Record<number, string> = { 45: '\u2010', 42: '\u2217', 43: '\uff0b', 46: '\uff0e', 41: '\uff09' };

const FRONT_FENCE = /^---[ \t]*$/;

/** End of the line starting at `pos`: the offset of its CR or LF, or the text's length. */
function lineEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLine(text: string, nl: number): number {
  return text.charCodeAt(nl) === 13 && text.charCodeAt(nl + 1) === 10 ? nl + 2 : nl + 1;
}

/** Offset after the closing fence of the front matter micromark sees (0 when there is none). */
function frontMatterEnd(text: string): number {
  let nl = lineEnd(text, 0);
  if (!FRONT_FENCE.test(text.slice(0, nl))) return 0;
  for (let pos = nextLine(text, nl); pos < text.length; pos = nextLine(text, nl)) {
    nl = lineEnd(text, pos);
    if (FRONT_FENCE.test(text.slice(pos, nl))) return nl;
  }
  return 0;
}

const isSpace = (c: number): boolean => c === 32 || c === 9;
/** After `<`: a letter, `/`, `!` or `?` may open raw HTML or an autolink. */
const opensTag = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63;

/**
 * `text` with container markers past `MAX_CONTAINER_COLUMN` and delimiter runs past
 * `MAX_DELIMITER_RUNS` replaced by characters of the same length; `text` itself when nothing is.
 */
export function tame(text: string): string {
  let out = '';
  let copied = 0;
  const put = (from: number, to: number, ch: string): void => {
    out += text.slice(copied, from) + ch.repeat(to - from);
    copied = to;
  };
  let runs = 0;
  let closers = 0;
  let nested = 0;
  let prevBlank = true;
  for (let pos = frontMatterEnd(text); pos < text.length; ) {
    const nl = lineEnd(text, pos);
    let first = true;
    // The container prefix: white space, `>`, and list markers (a superset of what micromark
    // opens or continues containers with, so it never sees a marker this scan did not).
    let i = pos;
    let col = 0;
    let blank = true;
    while (i < nl) {
      const c = text.charCodeAt(i);
      if (c === 32) col++;
      else if (c === 9) col += 4 - (col % 4);
      else {
        let end = i;
        const spaceAfter = (k: number): boolean => k === nl || isSpace(text.charCodeAt(k));
        if (c === 62) end = i + 1;
        else if ((c === 45 || c === 42 || c === 43) && spaceAfter(i + 1)) end = i + 1;
        else if (c >= 48 && c <= 57) {
          let j = i + 1;
          while (j < nl && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
          const d = text.charCodeAt(j);
          if ((d === 46 || d === 41) && spaceAfter(j + 1)) end = j + 1;
        }
        if (end === i) break;
        blank = false;
        first = false;
        if (col >= MAX_CONTAINER_COLUMN) put(i, end, ' ');
        else if (c !== 62 && col > 0 && ++nested > MAX_NESTED_ITEMS) put(end - 1, end, LOOK_ALIKE[text.charCodeAt(end - 1)]!);
        col += end - i;
        i = end;
        continue;
      }
      i++;
    }
    if (i < nl) blank = false;
    if (blank) runs = closers = 0;
    // Text at column 0 after a blank line ends every list.
    else if (prevBlank && first && col === 0) nested = 0;
    prevBlank = blank;
    const lineCap = nl - pos > LONG_LINE ? MAX_CLOSERS_LONG_LINE : Infinity;
    let lineClosers = 0;
    let lineOpeners = 0;
    for (let k = i; k < nl; k++) {
      const c = text.charCodeAt(k);
      if (c === 60) {
        if (opensTag(text.charCodeAt(k + 1)) && ++lineOpeners > lineCap) put(k, k + 1, '\uff1c');
        continue;
      }
      if (c === 93) {
        if (++closers > MAX_DELIMITER_RUNS || ++lineClosers > lineCap) put(k, k + 1, '\uff3d');
        continue;
      }
      if (c !== 42 && c !== 95) continue;
      let e = k + 1;
      while (e < nl && text.charCodeAt(e) === c) e++;
      if (++runs > MAX_DELIMITER_RUNS) put(k, e, c === 42 ? '\u2217' : '\uff3f');
      k = e - 1;
    }
    pos = nextLine(text, nl);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
