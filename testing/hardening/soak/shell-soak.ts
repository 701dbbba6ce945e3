/**
 * Shell halves of the soak: N bytes of command output agent → client and N bytes of typed input
 * client → agent, each checked by SHA-256 over the faulty link. Input goes in writes of varied
 * size, single keystrokes among them, so a lost keystroke shows as a hash mismatch.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import type { Harness } from '../../ssm/sandbox-harness.js';
import type { CloseReason } from '../../../main/ssm/datachannel/types.js';
import { ShellSession } from '../../../main/ssm/shell/shell-session.js';
import { linkStats, type LinkStats } from './link-stats.js';
import type { FaultSchedule } from './schedule.js';

export const SHELL_SOAK = {
  /** Unacked input frames allowed before the writer waits: bounds memory, keeps the pipe full. */
  MAX_PENDING_INPUT_FRAMES: 512,
  /** Poll period while waiting for acks or output. */
  POLL_MS: 10,
  /** Largest single write; sizes vary from one keystroke up to this. */
  MAX_WRITE: 8 * 1024,
  /** A wait for shell output fails after this long without it (a wedged session, not a slow one). */
  QUIET_TIMEOUT_MS: Number(process.env['PORTHOLE_SOAK_QUIET_MS'] ?? 120_000),
  /** The output command sleeps this long after its output, so the session is ended by us. */
  HOLD_OPEN_S: 3600,
} as const;

/** Live counters, for progress lines in long runs and for diagnosing a stuck transfer. */
export interface SoakProgress {
  outputBytes: number;
  inputBytes: number;
  inputPendingFrames: number;
  forwardBytes: number;
}

export interface ShellSoakResult {
  readonly bytes: number;
  readonly sentSha256: string;
  readonly receivedSha256: string;
  /** Client status changes to `reconnecting` (each one a resume). */
  readonly reconnects: number;
  readonly sessionIdKept: boolean;
  readonly retransmits: number;
  readonly duplicatesDropped: number;
  /** What the link did to this session and how the agent recovered. */
  readonly link: LinkStats;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function openSession(h: Harness, kind: Parameters<Harness['addSession']>[0], schedule: FaultSchedule) {
  const creds = h.addSession(kind);
  schedule.add(creds.sessionId);
  const session = new ShellSession({ credentials: creds, target: creds.target, size: { cols: 80, rows: 24 }, resumeSession: h.resumeSession });
  let reconnects = 0;
  session.on('status', (s) => void (s === 'reconnecting' && reconnects++));
  const closed = new Promise<CloseReason>((resolve) => session.on('closed', resolve));
  return { session, sessionId: creds.sessionId, closed, reconnects: () => reconnects };
}

/** SHA-256 of a shell command's stdout run locally: what the agent's run must produce too. */
function localSha(command: string): Promise<{ sha: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] });
    const hash = createHash('sha256');
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => ((bytes += d.length), hash.update(d)));
    child.on('error', reject);
    child.on('close', () => resolve({ sha: hash.digest('hex'), bytes }));
  });
}

/**
 * Output soak: `seq … | head -c N` on the agent, hashed as it arrives. The command then sleeps so
 * the session outlives the transfer and is ended by us once the faults are lifted: the agent
 * closes 2 s after its command exits even with output unacked (§12.3), which under sustained
 * loss would measure that deadline rather than the transfer (resume-session.test.ts covers an
 * exit that coincides with a websocket drop).
 */
export async function shellOutputSoak(h: Harness, bytes: number, schedule: FaultSchedule, progress: SoakProgress): Promise<ShellSoakResult> {
  const command = `seq 1 ${Math.ceil(bytes / 2) + 10} | head -c ${bytes}`;
  const expected = await localSha(command);
  const s = openSession(h, { type: 'NonInteractiveCommands', command: `${command}; exec sleep ${SHELL_SOAK.HOLD_OPEN_S}`, separateOutputStream: true }, schedule);
  const hash = createHash('sha256');
  let got = 0;
  s.session.on('output', (b, stream) => {
    if (stream !== 'stdout') return;
    got += b.length;
    progress.outputBytes = got;
    hash.update(b);
  });
  await s.session.open();
  while (got < bytes) {
    if (s.session.status === 'closed') throw new Error(`output soak session closed after ${got} of ${bytes} bytes: ${s.session.closedBecause?.message}`);
    await sleep(SHELL_SOAK.POLL_MS);
  }
  schedule.remove(s.sessionId);
  const result = {
    bytes: got,
    sentSha256: expected.sha,
    receivedSha256: hash.digest('hex'),
    reconnects: s.reconnects(),
    sessionIdKept: s.session.sessionId === s.sessionId,
    retransmits: s.session.channelStats.retransmits,
    duplicatesDropped: s.session.channelStats.duplicates,
    link: linkStats(h.gateway, s.sessionId),
  };
  await s.session.terminate();
  return result;
}

/** Input soak: raw-mode `head -c N | sha256sum` on the agent; N bytes typed in varied writes. */
export async function shellInputSoak(h: Harness, bytes: number, schedule: FaultSchedule, progress: SoakProgress): Promise<ShellSoakResult> {
  const s = openSession(h, { type: 'Standard_Stream' }, schedule);
  let text = '';
  s.session.on('output', (b) => {
    text = (text + Buffer.from(b).toString('latin1')).slice(-4096);
  });
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + SHELL_SOAK.QUIET_TIMEOUT_MS;
    let seen = text;
    for (;;) {
      const m = text.match(pattern);
      if (m) return m;
      if (s.session.status === 'closed') throw new Error(`input soak session closed before ${pattern}`);
      // Only silence times out: a slow but moving transfer keeps extending the deadline.
      if (text !== seen) seen = text;
      else if (Date.now() > deadline) throw new Error(`input soak: no ${pattern} within ${SHELL_SOAK.QUIET_TIMEOUT_MS} ms; last output ${JSON.stringify(text.slice(-200))}`);
      progress.inputPendingFrames = s.session.pendingInput;
      await sleep(SHELL_SOAK.POLL_MS);
    }
  };
  await s.session.open();
  // Raw mode so the pty passes every byte; READY and DONE are built by the shell, not echoed.
  s.session.write(`stty raw -echo; printf 'RE''ADY\\n'; head -c ${bytes} | sha256sum; printf 'DO''NE\\n'\r`);
  await waitFor(/READY/);
  const sent = createHash('sha256');
  let written = 0;
  let size = 1;
  while (written < bytes) {
    while (s.session.pendingInput > SHELL_SOAK.MAX_PENDING_INPUT_FRAMES) {
      progress.inputPendingFrames = s.session.pendingInput;
      if (s.session.status === 'closed') throw new Error(`input soak session closed after ${written} of ${bytes} bytes: ${s.session.closedBecause?.message}`);
      await sleep(SHELL_SOAK.POLL_MS);
    }
    // Base64 is printable: no byte the tty line discipline could act on even in raw mode.
    const n = Math.min(size, bytes - written);
    const chunk = Buffer.from(randomBytes(n).toString('base64').slice(0, n), 'latin1');
    sent.update(chunk);
    s.session.write(chunk);
    written += n;
    progress.inputBytes = written;
    progress.inputPendingFrames = s.session.pendingInput;
    size = size >= SHELL_SOAK.MAX_WRITE ? 1 : size * 2 + 1;
  }
  const m = await waitFor(/([0-9a-f]{64}) {2}-[\s\S]*DONE/);
  schedule.remove(s.sessionId);
  const link = linkStats(h.gateway, s.sessionId);
  // Raw mode has no CR→NL translation: the shell only sees a line end at \n.
  s.session.write('stty sane; exit\n');
  await s.closed;
  return {
    bytes: written,
    sentSha256: sent.digest('hex'),
    receivedSha256: m[1] ?? '',
    reconnects: s.reconnects(),
    sessionIdKept: s.session.sessionId === s.sessionId,
    retransmits: s.session.channelStats.retransmits,
    duplicatesDropped: s.session.channelStats.duplicates,
    link,
  };
}
