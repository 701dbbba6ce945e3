// Public shapes of the shell session manager (what main/ipc and main/hubs see).
import type { SessionInfo, SessionStatus, SessionTaskEnd, ShellTarget } from '../../../shared/contract/index.js';
import type { TapEvent } from '../../ssm/channel/index.js';
import type { DataKeyProvider } from '../../ssm/crypto/kms.js';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import type { SessionCredentials } from '../../ssm/datachannel/index.js';
import type { BatcherLimits } from './output-batcher.js';
import type { FlowLimits } from './flow-control.js';

/** A session started by ECS ExecuteCommand or SSM StartSession, ready for the engine. */
export interface LaunchedShell {
  readonly credentials: SessionCredentials;
  /** The SSM target (`i-…` or `ecs:…`), part of the KMS encryption context. */
  readonly target: string;
  readonly resumeSession?: (sessionId: string) => Promise<string | undefined>;
  readonly terminateSession?: (sessionId: string) => Promise<void>;
  readonly dataKeys?: DataKeyProvider;
}

/**
 * Starts a session for a target (the app: main/aws launch; tests may inject their own). Throws plain
 * errors. `waiting` is told the words while the launch waits on a credential_process (a sign-in the
 * person must finish), and null once it answered.
 */
export type ShellLauncher = (target: ShellTarget, waiting?: (words: string | null) => void) => Promise<LaunchedShell>;

/** Where one session's output and status go: its owner window, and nowhere else. */
export interface ShellSink {
  output(bytes: Uint8Array<ArrayBuffer>): void;
  status(status: SessionStatus): void;
  /**
   * The status of a session whose first launch is still running (no window knows its id yet):
   * the connecting words while it waits on a credential_process, then the usual ones.
   */
  opening?(status: SessionStatus): void;
  /** The session's info changed other than by status (a recording started or finished). */
  info?(info: SessionInfo): void;
  /** Input has waited this long (ms) unanswered while connected, null once it no longer has (ShellSession's inputWait). */
  inputWait?(waitingMs: number | null): void;
}

/** Receives every data-channel frame of a session while someone watches it in the inspector. */
export type FrameListener = (sessionId: string, event: TapEvent) => void;

export interface ShellManagerOptions {
  readonly launch: ShellLauncher;
  /** When set, every session is recorded as asciicast v2 into this directory. */
  readonly recordDir?: string;
  /** Where recordings asked for from the UI go (`<dataDir>/recordings`); without it they are refused. */
  readonly recordingsDir?: string;
  /** Told the path of every recording file a shell opened (the files the desktop may show in a folder). */
  readonly recorded?: (path: string) => void;
  /**
   * Told the target of a session that ended by itself (not closed or restarted here) or could not
   * start: its target may be gone (the app asks ECS whether the task stopped, for the tree).
   * `taskEnded` tells the session's tab what ECS said of its task; it is ignored once the session
   * was restarted, closed here or disposed meanwhile.
   */
  readonly ended?: (target: ShellTarget, taskEnded: (end: SessionTaskEnd) => void) => void;
  /** Frame tap for the inspector; asked per frame whether anyone is watching the session. */
  readonly frames?: { watching(sessionId: string): boolean; publish: FrameListener };
  /** Overrides for tests and benches; the defaults are SHELLS' constants. */
  readonly batching?: BatcherLimits;
  readonly flow?: FlowLimits;
  readonly reconnectBackoff?: BackoffSchedule;
}

export interface OpenShellRequest {
  readonly target: ShellTarget;
  readonly cols: number;
  readonly rows: number;
  readonly title?: string;
}
