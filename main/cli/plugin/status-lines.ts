// Where the drop-in's own lines go. In the SSH document's stream mode (§8.1) stdout *is* the
// remote byte stream that ssh, scp, rsync or a script reads, so nothing else may be written there:
// progress lines (starting, exiting) are not printed, and failures and the agent's customer
// message go to stderr. In every other mode the lines are the plugin's, on stdout (§11).
//
// The mode is known only once the session type is (handshake Properties, §8.1). Until then:
// a document named on the command line decides at once; without one, a terminal on stdout means
// a person is watching a shell (printed at once, as the plugin does), while a pipe might be
// ssh's ProxyCommand, so the starting line waits for the session type.
import type { SessionInfo } from '../../ssm/index.js';
import { isLocalPortForwarding } from '../../ssm/port/documents.js';
import { PortDocument } from '../../ssm/port/constants.js';
import { writeOut, type CliIo } from '../io.js';
import type { StartRequest } from './argv.js';

/**
 * `status`: the plugin's progress lines (starting, exiting), dropped in stream mode, where ssh
 * would otherwise print them on every connection. `notice`: failures and the agent's customer
 * message, which a user needs to see: on stderr in stream mode.
 */
export type LineKind = 'status' | 'notice';

/** True when the session's bytes are stdin/stdout (a Port session whose properties have no LocalPortForwarding type). */
export function isStreamSession(info: SessionInfo): boolean {
  return info.sessionType === 'Port' && !isLocalPortForwarding(info.properties as Readonly<Record<string, unknown>> | null);
}

export class StatusLines {
  /** undefined until the mode is known. */
  private stream: boolean | undefined;
  /** Lines written before the mode was known, flushed once it is. */
  private held: Array<{ text: string; kind: LineKind }> = [];

  constructor(
    private readonly io: CliIo,
    request: StartRequest,
  ) {
    const document = request.documentName;
    if (document === PortDocument.Ssh) this.stream = true;
    else if (document !== undefined || io.stdout.isTTY) this.stream = false;
  }

  /** True once the session is known to be a byte stream on stdin/stdout. */
  get streamMode(): boolean {
    return this.stream === true;
  }

  /** The session type is known: decide, and write what was held back. */
  sessionKnown(info: SessionInfo): void {
    if (this.stream === undefined) this.stream = isStreamSession(info);
    const held = this.held;
    this.held = [];
    for (const line of held) void this.write(line.text, line.kind);
  }

  /** Writes a line where the mode wants it; resolves once flushed. */
  write(text: string, kind: LineKind = 'status'): Promise<void> {
    if (this.stream === undefined) {
      this.held.push({ text, kind });
      return Promise.resolve();
    }
    if (!this.stream) return writeOut(this.io.stdout, text);
    return kind === 'notice' ? writeOut(this.io.stderr, text) : Promise.resolve();
  }

  /** The session ended before its type was known: nothing can be a stream yet, print as the plugin. */
  settle(): Promise<void> {
    if (this.stream !== undefined) return Promise.resolve();
    this.stream = false;
    const held = this.held;
    this.held = [];
    return held.reduce<Promise<void>>((p, line) => p.then(() => this.write(line.text, line.kind)), Promise.resolve());
  }
}
