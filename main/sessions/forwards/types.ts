/** Public shapes of the forward manager (what the IPC layer and the UI panel see). */
import type { PortConnectionInfo, PortRequest, PortTarget, StartSessionInput } from '../../ssm/port/index.js';
import type { SessionCredentials } from '../../ssm/datachannel/index.js';
import type { LocalBindProblem } from '../../../shared/messages/forwards.js';

export interface ForwardSpec extends PortRequest {
  /** A label for the panel; defaults to target:port. */
  name?: string;
  /** Bind address; 127.0.0.1 unless the user asks for another. */
  localAddress?: string;
  /** 0 or absent: pick a free port. */
  localPort?: number;
  /** Restart with backoff when the session ends unexpectedly (default true; always, when it follows its service). */
  autoRestart?: boolean;
  /** Which AWS profile and region to start sessions with; passed through to StartPortSession. */
  profile?: string;
  region?: string;
  /**
   * An ECS target that follows its service: before each session start the manager's `retarget`
   * names the task to start on (the app: a running task of this service). Absent: the one target.
   */
  follow?: { service: string };
}

export type ForwardState =
  /** Listener bound, session starting. */
  | 'starting'
  | 'active'
  /** The websocket dropped; the engine is resuming (open connections are kept). */
  | 'reconnecting'
  /** The session ended unexpectedly; waiting for the next attempt. */
  | 'restarting'
  | 'stopped'
  /** Could not start (e.g. local port in use) and will not retry by itself. */
  | 'failed';

export interface ForwardStatus {
  readonly id: string;
  readonly name: string;
  readonly spec: ForwardSpec;
  readonly state: ForwardState;
  /** Where the listener is bound (the actual port once bound). */
  readonly localAddress: string;
  readonly localPort: number | undefined;
  readonly target: string;
  readonly remoteHost: string | undefined;
  readonly remotePort: number;
  readonly sessionId: string | undefined;
  readonly mode: 'mux' | 'basic' | 'stream' | undefined;
  readonly connections: PortConnectionInfo[];
  /** Totals over the forward's life (all sessions). */
  readonly bytesToRemote: number;
  readonly bytesFromRemote: number;
  /** Over the last rate window. */
  readonly bytesPerSecondToRemote: number;
  readonly bytesPerSecondFromRemote: number;
  readonly restarts: number;
  readonly lastError: string | undefined;
  /** What the failed call advised doing (fitted to the target's kind), when it said. */
  readonly lastErrorNextStep: string | undefined;
  /** The forward could not listen on its local address: lastError is about this computer, not the target. */
  readonly lastBindProblem: LocalBindProblem | undefined;
  /** The port of that problem is held by another of the manager's forwards (not another program). */
  readonly lastBindHeldByForward?: boolean;
  /** Connections that failed on the target's side since the forward (re)started; the forward kept listening. */
  readonly connectionErrors: number;
  readonly lastConnectionError: ConnectionError | undefined;
  /** Auto-restart stopped trying (the forward is failed), and why; undefined otherwise. */
  readonly gaveUp: GaveUp | undefined;
  /** While the session start waits on the profile's credential_process: the words saying so. */
  readonly helperWait?: string;
}

/**
 * What auto-restart does after a session failed to start: `retry` with back-off for as long as it
 * takes (the network, throttling, a server error), `retry-a-while` for a failure that may clear by
 * itself (RESTART_MAY_HEAL_GIVE_UP_MS), `give-up` at once on one that waiting cannot fix (access
 * denied, exec off, the task gone): the forward fails and says so, and Start tries again.
 */
export type RestartVerdict = 'retry' | 'retry-a-while' | 'give-up';
/**
 * Giving up on a target that is gone for good (an ECS task that stopped), learnt by asking AWS
 * after the start failed: `reason` says so in the row instead of the failed call's own words
 * (which, for a stopped task, are only "not connected" and advise waiting).
 */
export interface TargetGone {
  readonly verdict: 'target-gone';
  readonly reason: string;
}
/**
 * Judges a failed session start (the app's: main/hubs/forwards/restart-policy.ts); default, always
 * `retry`. It may ask AWS first (the forward waits for the answer); one that throws means `retry`.
 */
export type RestartPolicy = (error: unknown, spec: ForwardSpec) => RestartVerdict | TargetGone | Promise<RestartVerdict | TargetGone>;
/**
 * Why auto-restart stopped: the failure cannot heal, it may have but did not within the time
 * allowed, or the target is gone for good (lastError says how).
 */
export type GaveUp = 'cannot-heal' | 'did-not-heal' | 'target-gone';

/** One local connection the agent could not connect onward (e.g. nothing listens on the port). */
export interface ConnectionError {
  /** The agent's reason as the engine reports it (PORT.CONNECT_ERROR_TEXT for a refused port). */
  readonly reason: string;
  /** Epoch ms. */
  readonly at: number;
}

/** A started session as StartSession returns it, plus the calls that act on it later. */
export interface StartedSession {
  readonly credentials: SessionCredentials;
  /** ssm:ResumeSession → new token (undefined when the session is gone). */
  readonly resumeSession?: (sessionId: string) => Promise<string | undefined>;
  /** ssm:TerminateSession, called best-effort when a forward is stopped. */
  readonly terminateSession?: (sessionId: string) => Promise<void>;
}

/**
 * Injected by the app (discovery's StartSession, using spec.profile/region) or tests (the
 * sandbox's SSM API). Called for every session a forward starts, restarts included. `waiting` is
 * told the words while the start waits on a credential_process (a sign-in the person must finish),
 * and null once it answered.
 */
/**
 * The target a following forward's next session starts on (ForwardSpec.follow), by forward id;
 * throws, saying why, when there is none now (a start failure, judged by the restart policy).
 * `waiting` is told as StartPortSession's is: the listing may wait on a credential_process.
 * `fresh`: the forward was started, its session ended, or a start on the target it was last given
 * failed, since it last asked, so what was learnt before may be out of date; false only on a retry
 * after the retarget itself failed (no ready task: a recent answer will do).
 */
export type Retarget = (id: string, spec: ForwardSpec, waiting: ((words: string | null) => void) | undefined, fresh: boolean) => Promise<PortTarget>;

export type StartPortSession = (input: StartSessionInput, spec: ForwardSpec, waiting?: (words: string | null) => void) => Promise<StartedSession>;

export type { PortTarget };
