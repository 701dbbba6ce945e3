// The shell half of the drop-in (protocol §7.2), on the engine's ShellSession: remote output to
// stdout (stderr stream to stderr), keystrokes and signals to the remote pty, the terminal size
// first and on every change, an optional asciicast recording, and the remote exit code when the
// agent sent one (PT 12). Only the terminal plumbing lives here; the protocol is the engine's.
// Reading from the websocket pauses while stdout, the recording or the capture is behind.
import type { DataChannel } from '../../ssm/datachannel/index.js';
import { ShellSession } from '../../ssm/shell/shell-session.js';
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

/** A file fed alongside the terminal (recording, capture) that can fall behind. */
export interface BehindFile {
  readonly behind: boolean;
  whenCaughtUp(listener: () => void): void;
}

/** Must be called synchronously from the channel's `ready` listener, so the size is the first message. */
export function runShell(dc: DataChannel, io: CliIo, recorder: CastRecorder | undefined, files: readonly BehindFile[] = []): ShellRun {
  const shell = new ShellSession({ channel: dc, size: terminalSize(io) });
  // Each slow sink holds reading once; the websocket is read again when none holds it (acks still flow).
  let holds = 0;
  const hold = (): (() => void) => {
    if (holds++ === 0) shell.pause();
    return () => {
      if (--holds === 0) shell.resume();
    };
  };
  let waitingForStdout = false;
  const waitingFiles = new Set<BehindFile>();
  shell.on('output', (bytes, stream) => {
    recorder?.output(bytes);
    const out = stream === 'stderr' ? io.stderr : io.stdout;
    if (!out.write(bytes) && !waitingForStdout) {
      waitingForStdout = true;
      const release = hold();
      out.once('drain', () => {
        waitingForStdout = false;
        release();
      });
    }
    for (const file of files) {
      if (!file.behind || waitingFiles.has(file)) continue;
      waitingFiles.add(file);
      const release = hold();
      file.whenCaughtUp(() => {
        waitingFiles.delete(file);
        release();
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
