import * as fs from 'node:fs';
import { describeFsError } from '../host/fs-errors.js';
import { writeFileAtomic } from './fix.js';

/** What the CLI needs from the file system (a `SchemaFs` too); tests pass a fake or the real one. */
export interface CliIo {
  readFile(path: string): Uint8Array;
  stat(path: string): { isDirectory(): boolean; isFile(): boolean; size: number; mtimeMs: number };
  readdir(path: string): string[];
  realpath(path: string): string;
  writeFile(path: string, data: string): void;
  /** Replaces a file in one step (`--fix`): the old content or the new, never a mix. */
  writeFileAtomic(path: string, data: string): void;
  cwd(): string;
}

export const nodeIo: CliIo = {
  readFile: (p) => fs.readFileSync(p),
  stat: (p) => fs.statSync(p),
  readdir: (p) => fs.readdirSync(p),
  realpath: (p) => fs.realpathSync(p),
  writeFile: (p, d) => fs.writeFileSync(p, d, 'utf8'),
  writeFileAtomic: (p, d) => writeFileAtomic(p, d),
  cwd: () => process.cwd(),
};

/** A user-facing failure: printed without a stack, exit code 2. */
export class UsageError extends Error {}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file as UTF-8. Binary files (a NUL byte early on) and invalid UTF-8 are refused
 * with a clear message rather than checked as garbage.
 */
export function readText(io: CliIo, path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new UsageError(`${path} is a binary file, not a Markdown document`);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new UsageError(`${path} is not valid UTF-8 text`);
  }
}
