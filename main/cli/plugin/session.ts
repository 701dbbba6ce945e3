// Runs one session for the drop-in: open the data channel, wait for the session type (handshake
// or first output, §6.1), hand over to the shell or port runner, and end like the plugin does —
// its closing line on stdout, exit status 0 — except that a shell exits with the remote command's
// exit code when the agent sent one (PT 12), and that in the SSH document's stream mode stdout
// carries nothing but the remote bytes (status-lines.ts). The capture and recording files are
// opened before the data channel: a bad path is one clear line and the session goes on without
// that file; a write that fails later is told once and stops only that file.
//
// Imports name the modules the session runs on, not the ssm barrel (which loads the AWS SDK's KMS
// and SSM clients); the capture and recording code loads only when asked for.
import type { TapEvent } from '../../ssm/channel/index.js';
import { Connection } from '../../ssm/connection/constants.js';
import { DataChannel, type CloseReason, type SessionInfo } from '../../ssm/datachannel/index.js';
import { closingLine } from './closing-line.js';
import type { CaptureWriter } from '../../ssm/inspect/index.js';
import { capturedFrameFromTap } from '../../ssm/inspect/tap-adapter.js';
import type { CastFile } from '../../sessions/recording/index.js';
import { writeOut, type CliIo } from '../io.js';
import type { StartRequest } from './argv.js';
import { sessionApis } from './aws-calls.js';
import { PLUGIN_MESSAGES } from './messages.js';
import { runPort, type PortRun } from './port-runner.js';
import { runShell, type ShellRun } from './shell-runner.js';
import { StatusLines } from './status-lines.js';
import { terminalSize } from './terminal.js';

export interface PluginOptions {
  capture?: string;
  captureUnmasked?: boolean;
  record?: string;
}

function why(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Opens the --capture and --record files; a failure is one line on stderr and that file is skipped. */
async function openFiles(request: StartRequest, io: CliIo, options: PluginOptions): Promise<{ capture?: CaptureWriter; cast?: CastFile }> {
  const tell = (line: string): void => void writeOut(io.stderr, `porthole: ${line}\n`);
  const out: { capture?: CaptureWriter; cast?: CastFile } = {};
  if (options.capture) {
    const path = options.capture;
    try {
      const { CaptureWriter } = await import('../../ssm/inspect/index.js');
      out.capture = await CaptureWriter.open(path, { mask: !options.captureUnmasked, onError: (err) => tell(`capture ${path} stopped: ${err.message}; the session goes on`) });
    } catch (err) {
      tell(`cannot capture to ${path}: ${why(err)}; the session goes on without a capture`);
    }
  }
  if (options.record) {
    const path = options.record;
    const size = terminalSize(io);
    try {
      const header = { width: size.cols, height: size.rows, title: request.response.sessionId, env: { TERM: io.env.TERM ?? 'xterm-256color' } };
      const { openCastFile } = await import('../../sessions/recording/index.js');
      out.cast = await openCastFile(path, header, (err) => tell(`recording ${path} stopped: ${err.message}; the session goes on`));
    } catch (err) {
      tell(`cannot record to ${path}: ${why(err)}; the session goes on without recording`);
    }
  }
  return out;
}

export async function runPluginSession(request: StartRequest, io: CliIo, options: PluginOptions): Promise<number> {
  const { sessionId } = request.response;
  const lines = new StatusLines(io, request);
  await lines.write(PLUGIN_MESSAGES.starting(sessionId));
  const apis = sessionApis(request);
  const { capture, cast } = await openFiles(request, io, options);
  let port: PortRun | undefined;
  let shell: ShellRun | undefined;
  // A tap costs every frame a decoded copy: only a capture installs one.
  const tap = capture ? (event: TapEvent): void => capture.write(capturedFrameFromTap(event)) : undefined;
  const dc = new DataChannel({
    credentials: request.response,
    target: request.target,
    resumeSession: (id) => apis.resumeSession(id),
    // A person (or ssh's ProxyCommand) waits on the drop-in: a region that does not answer is told
    // at this deadline; the app's channels set none and resume on as the plugin does.
    dialDeadlineMs: Connection.DROP_IN_DIAL_DEADLINE_MS,
    ...(apis.dataKeys ? { dataKeys: apis.dataKeys } : {}),
    ...(tap ? { tap } : {}),
  });

  const closed = new Promise<CloseReason>((resolve) => dc.on('closed', resolve));
  const onReady = async (info: SessionInfo): Promise<void> => {
    lines.sessionKnown(info);
    if (info.customerMessage) void lines.write(`${info.customerMessage}\n`, 'notice');
    if (info.sessionType === 'Port') {
      port = await runPort(dc, info, io, lines);
      void port.terminated.then(() => dc.close({ kind: 'local', message: 'terminate signal received' }));
      return;
    }
    shell = runShell(dc, io, cast?.recorder, [cast, capture].filter((f) => f !== undefined));
  };
  dc.on('ready', (info) => {
    onReady(info).catch((err: unknown) => dc.close({ kind: 'failed', cause: 'local', message: err instanceof Error ? err.message : String(err) }));
  });
  dc.open().catch((err: unknown) => dc.close({ kind: 'failed', cause: 'local', message: err instanceof Error ? err.message : String(err) }));

  const reason = await closed;
  shell?.release();
  await port?.release();
  await lines.settle();
  const closing = closingLine(sessionId, reason);
  await lines.write(closing.text, closing.kind);
  await cast?.finish(); // never rejects or hangs; a write error was told when it happened
  await capture?.close().catch(() => undefined); // likewise
  apis.destroy();
  return shell?.exitCode() ?? 0;
}
