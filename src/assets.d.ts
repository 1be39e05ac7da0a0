// esbuild's text loader inlines CSS as a string (esbuild.mjs), so the standalone HTML export
// carries its stylesheet without reading files at run time.
declare module '*.css' {
  const text: string;
  export default text;
}
