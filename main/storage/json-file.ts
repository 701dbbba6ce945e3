// Reading a JSON file Porthole keeps. A missing file is "nothing saved yet"; a file that is not
// JSON, or whose contents `parse` rejects, is renamed `<file>.corrupt-<time>` (never overwritten,
// never deleted: the person may want it back) and reported, and the caller starts without it.
//   const saved = await loadJsonFile(file, (raw) => FileSchema.parse(raw), { setAside: notices.add });
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';

/** What was set aside and why, for a log line and a message in the app. */
export interface SetAside {
  readonly file: string;
  readonly aside: string;
  readonly reason: string;
  /** One plain sentence for the person. */
  readonly message: string;
}

export interface LoadJsonOptions {
  /** Told about every file set aside (default: a console warning). */
  readonly setAside?: (note: SetAside) => void;
  /** The time stamped into the set-aside name (tests pin it). */
  readonly now?: () => Date;
}

/** `<file>.corrupt-2026-12-05T21-04-09-123Z`: sortable, and legal on every file system. */
export function corruptName(file: string, at: Date): string {
  return `${file}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
}

function describe(err: unknown): string {
  if (err instanceof SyntaxError) return `not valid JSON (${err.message})`;
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    return first === undefined ? 'unexpected contents' : `unexpected contents at ${first.path.join('.') || 'the top'}: ${first.message}`;
  }
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.message;
  return String(err);
}

/**
 * The parsed contents of `file`, or undefined when it does not exist or was set aside as corrupt.
 * Errors other than "missing" while reading (permissions, I/O) are thrown: that file is not corrupt.
 */
export async function loadJsonFile<T>(file: string, parse: (raw: unknown) => T, options: LoadJsonOptions = {}): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return parse(JSON.parse(text));
  } catch (err) {
    const aside = corruptName(file, (options.now ?? (() => new Date()))());
    await rename(file, aside);
    const reason = describe(err);
    const note: SetAside = { file, aside, reason, message: `${file} could not be read (${reason}); it was set aside as ${aside} and Porthole started without it.` };
    (options.setAside ?? ((n: SetAside) => console.warn(`porthole: ${n.message}`)))(note);
    return undefined;
  }
}
