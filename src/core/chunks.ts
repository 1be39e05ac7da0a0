// Splits a document into top-level chunks that CommonMark (and the GFM table extension) parse
// the same way alone as inside the whole document, so an edit re-parses only its own chunk.
//
// A chunk starts at an ATX heading (`#` … `######` at column 0) that follows a blank line and is
// outside front matter, fenced code and HTML blocks of kinds 1–5 (comments, `<script>`, `<pre>`,
// `<style>`, `<textarea>`, `<?`, `<!X`, CDATA), the only constructs that run across a blank line
// and a column-0 heading. After a blank line, a column-0 heading closes every other container
// (lists and block quotes need indentation or `>`), and HTML blocks of kinds 6–7, paragraphs and
// tables end at the blank line. Link reference definitions reach across the whole document, so
// a document that may contain one is a single chunk. When the scan is unsure it splits less,
// never more: a missed split only costs speed.

const ATX = /^#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const HTML_OPEN = /^ {0,3}<(?:(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z])|((?:script|pre|style|textarea)(?:[ \t>]|$)))/i;
const FRONT_FENCE = /^---[ \t]*$/;

function htmlEnd(m: RegExpExecArray): RegExp {
  if (m[1]) return /-->/;
  if (m[2]) return /\?>/;
  if (m[3]) return /\]\]>/;
  if (m[4]) return />/;
  return /<\/(?:script|pre|style|textarea)>/i;
}

/** Offsets where chunks start; the first is always 0. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  // `]:` anywhere may end a link reference definition (labels may span lines).
  if (text.includes(']:')) return starts;
  let pos = 0;
  let lineNo = 0;
  let prevBlank = true;
  let fence: { char: string; len: number } | undefined;
  let html: RegExp | undefined;
  let inFront = false;
  let nextCr = text.indexOf('\r');
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (nextCr >= 0 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    if (nextCr >= 0 && nextCr < nl) nl = nextCr;
    const next = nl < text.length ? (text.charCodeAt(nl) === 13 && text.charCodeAt(nl + 1) === 10 ? nl + 2 : nl + 1) : nl;
    const c = text.charCodeAt(pos);
    // Most lines start with a letter, a digit or `|`: nothing to look at but "not blank".
    const plain = nl > pos && c !== 32 && c !== 9 && c !== 35 && c !== 96 && c !== 126 && c !== 60 && c !== 45;
    if (plain && !inFront && !fence && !html) {
      prevBlank = false;
    } else {
      const line = text.slice(pos, nl);
      const blank = BLANK.test(line);
      if (lineNo === 0 && FRONT_FENCE.test(line)) {
        inFront = true;
      } else if (inFront) {
        if (FRONT_FENCE.test(line)) inFront = false;
      } else if (fence) {
        const close = new RegExp(`^ {0,3}${fence.char === '`' ? '`' : '~'}{${fence.len},}[ \\t]*$`);
        if (close.test(line)) fence = undefined;
      } else if (html) {
        if (html.test(line)) html = undefined;
      } else {
        const f = FENCE_OPEN.exec(line);
        const h = f ? null : HTML_OPEN.exec(line);
        if (f && !(f[1]![0] === '`' && line.slice(f[0].length).includes('`'))) {
          fence = { char: f[1]![0]!, len: f[1]!.length };
        } else if (h) {
          const end = htmlEnd(h);
          if (!end.test(line.slice(h.index + h[0].length))) html = end;
        } else if (prevBlank && pos > 0 && ATX.test(line)) {
          starts.push(pos);
        }
      }
      prevBlank = blank;
    }
    pos = next;
    lineNo++;
  }
  // A front matter that never closes is not front matter; stay safe and keep one chunk.
  if (inFront) return [0];
  return starts;
}
