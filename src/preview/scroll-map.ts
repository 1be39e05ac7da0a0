// The mapping between source lines and preview offsets used for scroll sync, kept free of the
// DOM so it is unit-tested. An anchor is an element that starts at a known source line.

export interface Anchor {
  /** 1-based source line the element starts at. */
  line: number;
  /** Page offset of the element's top. */
  top: number;
}

/** The page offset where source `line` (fractional) is, interpolated between anchors. */
export function offsetForLine(list: readonly Anchor[], line: number, docHeight: number): number | undefined {
  if (list.length === 0) return undefined;
  let i = -1;
  for (let k = 0; k < list.length && list[k]!.line <= line; k++) i = k;
  if (i < 0) return 0; // above the first anchor: the front matter and the problems list
  const a = list[i]!;
  const b = list[i + 1];
  const endTop = b ? b.top : docHeight;
  const endLine = b ? b.line : a.line + 1;
  const f = Math.min(1, Math.max(0, (line - a.line) / (endLine - a.line)));
  return a.top + f * Math.max(0, endTop - a.top);
}

/** The source line (fractional) at page offset `y`: the inverse of offsetForLine. */
export function lineForOffset(list: readonly Anchor[], y: number, docHeight: number): number | undefined {
  if (list.length === 0) return undefined;
  let i = -1;
  for (let k = 0; k < list.length && list[k]!.top <= y; k++) i = k;
  if (i < 0) return 1;
  const a = list[i]!;
  const b = list[i + 1];
  const endTop = b ? b.top : docHeight;
  const endLine = b ? b.line : a.line + 1;
  const span = endTop - a.top;
  const f = span > 0 ? Math.min(1, Math.max(0, (y - a.top) / span)) : 0;
  return a.line + f * (endLine - a.line);
}

