// A file-system failure in a writer's words: the CLI's messages and the schema loader's say the
// same thing for the same error.

/** "no such file or directory", "permission denied", …; the code or first line otherwise. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default: {
      if (code) return code;
      const message = String((e as Error | undefined)?.message ?? e);
      return (message.split('\n')[0] ?? message).trim();
    }
  }
}
