// The names of this server's own requests, in a module with no imports so the VS Code extension's
// language client (client.ts) can use them without bundling the server's code.
export const CHECK_FILE_REQUEST = 'trialReport/checkFile';
export const ANALYSIS_REQUEST = 'trialReport/analysis';
export const RENDER_REQUEST = 'trialReport/render';
