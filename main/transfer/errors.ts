// Transfer failures as values a user can act on: a kind (for the UI and the CLI's exit status),
// a sentence saying what happened where, and what to do next.

export type TransferErrorKind =
  | 'no-such-file'
  | 'permission-denied'
  | 'disk-full'
  | 'read-only'
  | 'is-directory'
  | 'missing-tool'
  | 'session-ended'
  | 'checksum-mismatch'
  | 'cancelled'
  | 'bad-path'
  | 'failed';

export class TransferError extends Error {
  override readonly name = 'TransferError';
  constructor(
    readonly kind: TransferErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** strerror texts (glibc, musl and busybox print the same ones) and errno codes → kind. */
const PATTERNS: ReadonlyArray<readonly [RegExp, TransferErrorKind]> = [
  [/no space left on device|ENOSPC|disk quota exceeded|EDQUOT/i, 'disk-full'],
  [/read-only file system|EROFS/i, 'read-only'],
  [/permission denied|operation not permitted|EACCES|EPERM/i, 'permission-denied'],
  [/no such file or directory|directory nonexistent|ENOENT|not a directory|ENOTDIR/i, 'no-such-file'],
  [/is a directory|EISDIR/i, 'is-directory'],
];

const ADVICE: Record<TransferErrorKind, string> = {
  'no-such-file': 'Check the path (it is case-sensitive) and that its folder exists.',
  'permission-denied': 'Choose a path your user can write to (for example /tmp) or fix the permissions.',
  'disk-full': 'Free some space on that file system or choose another destination.',
  'read-only': 'That file system is mounted read-only; choose a writable path such as /tmp.',
  'is-directory': 'Name a file, or the folder to put the file in.',
  'missing-tool': 'Install the tool on the target (coreutils or busybox), or use another target.',
  'session-ended': 'Nothing was kept; open the transfer again when the target is reachable.',
  'checksum-mismatch': 'Nothing was kept; try again.',
  cancelled: 'Nothing was kept.',
  'bad-path': 'Give an absolute path on the target.',
  failed: 'Nothing was kept.',
};

/** The kind a system error text describes, or undefined when it names none of ours. */
export function classify(text: string): TransferErrorKind | undefined {
  for (const [pattern, kind] of PATTERNS) if (pattern.test(text)) return kind;
  return undefined;
}

/** An error for `where` ("on i-0123…", "locally") from a system error text. */
export function systemError(where: string, what: string, text: string): TransferError {
  const kind = classify(text) ?? 'failed';
  const detail = text.trim().split('\n').slice(-1)[0]?.trim() ?? '';
  return new TransferError(kind, `${what} ${where}: ${detail || 'failed'}. ${ADVICE[kind]}`);
}

export function transferError(kind: TransferErrorKind, sentence: string): TransferError {
  return new TransferError(kind, `${sentence} ${ADVICE[kind]}`);
}

/** Node's fs errors → TransferError (local side). */
export function localError(what: string, err: unknown): TransferError {
  if (err instanceof TransferError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return systemError('locally', what, typeof code === 'string' ? `${code} ${message}` : message);
}
