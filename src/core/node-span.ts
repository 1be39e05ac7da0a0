/** Where one front-matter value sits, in document offsets. */
export interface NodeSpan {
  keyStart?: number;
  keyEnd?: number;
  start: number;
  end: number;
  /** True for a scalar: its source text is what the writer typed. */
  scalar: boolean;
}
