// Reading the file a command was given (a capture, a recording): the usual mistakes said in
// words (a folder, a missing file) instead of Node's "EISDIR: illegal operation on a directory".
import { readFile } from 'node:fs/promises';
import { CliError } from './io.js';

/** Exit status for a file that could not be read: the command ran and failed. */
const EXIT_FAILED = 1;

/** `what` names the file's kind for the message: "capture", "recording". */
export async function readInputFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EISDIR') throw new CliError(`${file} is a folder; give the ${what} file itself`, EXIT_FAILED);
    if (code === 'ENOENT') throw new CliError(`cannot read ${file}: there is no such file`, EXIT_FAILED);
    if (code === 'EACCES') throw new CliError(`cannot read ${file}: permission denied`, EXIT_FAILED);
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT_FAILED);
  }
}
