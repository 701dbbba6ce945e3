// What the target's shell has, from the probe's list of commands found on its PATH, and the
// command lines the scripts use for each job (coreutils, then openssl, then busybox applets).
import { transferError } from './errors.js';

/** Commands the probe looks for, in the order it prints them. */
export const PROBED = ['base64', 'sha256sum', 'openssl', 'busybox', 'gzip', 'tar', 'head', 'mktemp'] as const;

export interface RemoteTools {
  /** Encodes stdin to 76-column base64 lines. */
  readonly encode: string;
  /** Decodes base64 (with line breaks) from stdin. */
  readonly decode: string;
  /** Prints the SHA-256 of stdin as the first word of its output. */
  readonly hash: string;
  /** Copies exactly N bytes (`head -c N`) from a terminal without reading past them. */
  readonly head: string;
  /** gzip, when the target has it. */
  readonly gzip: string | undefined;
  /** tar, when the target has it. */
  readonly tar: string | undefined;
  /** The probe's raw list, for messages. */
  readonly found: ReadonlySet<string>;
}

/** The script's `command -v` loop over PROBED. */
export function probeLoop(): string {
  return `for t in ${PROBED.join(' ')}; do command -v "$t" >/dev/null 2>&1 && printf '%s,' "$t"; done`;
}

export function parseTools(args: string, target: string): RemoteTools {
  const found = new Set(args.split(',').map((s) => s.trim()).filter(Boolean));
  const busybox = found.has('busybox');
  const pick = (own: string, openssl: string | undefined, applet: string): string | undefined =>
    found.has(own) ? own : openssl !== undefined && found.has('openssl') ? openssl : busybox ? `busybox ${applet}` : undefined;
  const hash = pick('sha256sum', 'openssl dgst -sha256 -r', 'sha256sum');
  const base64 = pick('base64', undefined, 'base64');
  const head = pick('head', undefined, 'head');
  const missing: string[] = [];
  if (base64 === undefined) missing.push('base64');
  if (hash === undefined) missing.push('sha256sum (or openssl, or busybox)');
  if (head === undefined) missing.push('head');
  if (missing.length > 0 || base64 === undefined || hash === undefined || head === undefined) {
    throw transferError('missing-tool', `${target} has no ${missing.join(', no ')}: a transfer needs a POSIX shell with base64, head and a SHA-256 tool.`);
  }
  const gzip = found.has('gzip') ? 'gzip' : busybox ? 'busybox gzip' : undefined;
  const tar = found.has('tar') ? 'tar' : busybox ? 'busybox tar' : undefined;
  return { encode: base64, decode: `${base64} -d`, hash, head, gzip, tar, found };
}

