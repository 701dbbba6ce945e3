// The shell half of the drop-in (protocol §7.2), on the engine's ShellSession: remote output to
// stdout (stderr stream to stderr), keystrokes and signals to the remote pty, the terminal size
// first and on every change, an optional asciicast recording, and the remote exit code when the
// agent sent one (PT 12). Only the terminal plumbing lives here; the protocol is the engine's.
import { ShellSession, type DataChannel } from '../../ssm/index.js';
import type { CastRecorder } from '../../sessions/recording/index.js';
import type { CliIo } from '../io.js';
import { attachTerminal, terminalSize } from './terminal.js';

/** Sent when piped stdin ends, so the remote shell sees end-of-input as it would from a terminal. */
const EOT = 0x04;

export interface ShellRun {
  /** The remote exit code, when the protocol carried one. */
  exitCode(): number | undefined;
  /** Gives the terminal back (raw mode off, listeners removed). */
  release(): void;
}

/** Must be called synchronously from the channel's `ready` listener, so the size is the first message. */
export function runShell(dc: DataChannel, io: CliIo, recorder: CastRecorder | undefined): ShellRun {
  const shell = new ShellSession({ channel: dc, size: terminalSize(io) });
  let waitingForDrain = false;
  shell.on('output', (bytes, stream) => {
    recorder?.output(bytes);
    const out = stream === 'stderr' ? io.stderr : io.stdout;
    // A slow terminal or pipe: stop reading the websocket until it drains (acks still flow).
    if (!out.write(bytes) && !waitingForDrain) {
      waitingForDrain = true;
      shell.pause();
      out.once('drain', () => {
        waitingForDrain = false;
        shell.resume();
      });
    }
  });
  const release = attachTerminal(io, {
    input: (bytes) => shell.write(bytes),
    resize(cols, rows) {
      const { size } = shell;
      if (cols === size.cols && rows === size.rows) return;
      recorder?.resize(cols, rows);
      shell.resize(cols, rows);
    },
    end() {
      if (!io.stdin.isTTY) shell.write(Uint8Array.of(EOT));
    },
  });
  return { exitCode: () => shell.exitCode, release };
}
