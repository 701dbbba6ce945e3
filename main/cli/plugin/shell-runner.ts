// The shell half of the drop-in (protocol §7.2): remote output to stdout (stderr stream to
// stderr), keystrokes and signals to the remote pty, the terminal size first and on every change,
// an optional asciicast recording, and the remote exit code when the agent sent one (PT 12).
import { PayloadType, inputChunks, parseExitCode, sizePayload, type DataChannel } from '../../ssm/index.js';
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

export function runShell(dc: DataChannel, io: CliIo, recorder: CastRecorder | undefined): ShellRun {
  let exitCode: number | undefined;
  let size = terminalSize(io);
  let waitingForDrain = false;
  dc.setHandler({
    deliver(payloadType, payload) {
      if (payloadType === PayloadType.Output || payloadType === PayloadType.StdErr) {
        recorder?.output(payload);
        const out = payloadType === PayloadType.StdErr ? io.stderr : io.stdout;
        // A slow terminal or pipe: stop reading the websocket until it drains (acks still flow).
        if (!out.write(payload) && !waitingForDrain) {
          waitingForDrain = true;
          dc.pauseReading();
          out.once('drain', () => {
            waitingForDrain = false;
            dc.resumeReading();
          });
        }
      } else if (payloadType === PayloadType.ExitCode) {
        exitCode = parseExitCode(payload) ?? exitCode;
      }
      return 'accepted';
    },
  });
  dc.send(PayloadType.Size, sizePayload(size.cols, size.rows));
  const release = attachTerminal(io, {
    input(bytes) {
      for (const chunk of inputChunks(bytes)) dc.send(PayloadType.Output, chunk);
    },
    resize(cols, rows) {
      if (cols === size.cols && rows === size.rows) return;
      size = { cols, rows };
      recorder?.resize(cols, rows);
      dc.send(PayloadType.Size, sizePayload(cols, rows));
    },
    end() {
      if (!io.stdin.isTTY) dc.send(PayloadType.Output, Uint8Array.of(EOT));
    },
  });
  return { exitCode: () => exitCode, release };
}
