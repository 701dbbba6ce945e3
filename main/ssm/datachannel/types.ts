// Public types of the client data channel.
import type { FrameError } from '../frame/index.js';
import type { DataKeyProvider } from '../crypto/kms.js';
import type { BackoffSchedule } from '../connection/constants.js';
import type { PeriodicTimer } from '../connection/liveness.js';
import type { Delivery, TapEvent } from '../channel/index.js';
import type { SessionType } from '../handshake/messages.js';

/** What StartSession / ResumeSession / ExecuteCommand return (both key casings accepted upstream). */
export interface SessionCredentials {
  readonly sessionId: string;
  readonly streamUrl: string;
  readonly tokenValue: string;
}

export type ChannelStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Why a data channel ended. */
export type CloseReason =
  /**
   * The gateway sent channel_closed; `output` is its Output text ('' for a normal end).
   * `lostOutput` is set when frames were still missing below ones already received: that
   * output can never arrive now, and `message` says so.
   */
  | { readonly kind: 'channel-closed'; readonly output: string; readonly message: string; readonly lostOutput?: LostOutput }
  /** We closed it (terminate / dispose). */
  | { readonly kind: 'local'; readonly message: string }
  /** It could not be opened, resumed, or the protocol failed; `cause` says which, named where it happened. */
  | { readonly kind: 'failed'; readonly cause: FailureCause; readonly message: string };

/**
 * Why a channel failed, set where the failure is raised so that what is told at the end (the
 * drop-in's closing line, say) never depends on the words of an error message.
 */
export type FailureCause =
  /** ResumeSession gave no token: the session has ended in AWS (terminated, or timed out): the plugin's "timed out" line (§9). */
  | 'session-ended'
  /** ResumeSession was refused for good (no ssm:ResumeSession permission, say): another attempt cannot help. */
  | 'resume-refused'
  /** No attempt to open or resume the connection succeeded, or none answered within the open deadline. */
  | 'unreachable'
  /** The handshake failed: malformed, KMS, the encryption challenge, or no session type. */
  | 'handshake'
  /** An agent message could not be processed, or the session is not of the type asked for. */
  | 'protocol'
  /** Porthole's own side of the session failed (a local listener, a runner). */
  | 'local';

/** Agent output that never arrived because the session closed with a hole in the sequence. */
export interface LostOutput {
  /** The first missing sequence number. */
  readonly firstMissingSeq: number;
  /** The last missing sequence number below the frames that did arrive (the hole's end). */
  readonly lastMissingSeq: number;
  /** Frames received after the hole, discarded undelivered (in-order delivery, §4.3). */
  readonly discardedFrames: number;
}

/** What the handshake told us, or what first-message detection assumed (§6.1). */
export interface SessionInfo {
  readonly sessionType: SessionType;
  /** The SessionType action's Properties (null for shell types, and when detected). */
  readonly properties: unknown;
  /** '' when no handshake happened. */
  readonly agentVersion: string;
  readonly customerMessage: string;
  readonly encrypted: boolean;
  /** True when no handshake came and the type was inferred from the first output (§6.1). */
  readonly detected: boolean;
}

/**
 * A session handler plugged into the data channel (shell, port). Receives the agent's stream
 * payloads after the handshake, in order, already decrypted: PT 1 Output, 10 Flag, 11 StdErr,
 * 12 ExitCode (and any other type the agent sends). 'not-ready' leaves the frame unacked.
 */
export interface SessionHandler {
  deliver(payloadType: number, payload: Uint8Array): Delivery;
}

export interface DataChannelOptions {
  readonly credentials: SessionCredentials;
  /** StartSession Target: used for the KMS encryption context. */
  readonly target?: string;
  /** Defaults to PORTHOLE_CLIENT_VERSION. */
  readonly clientVersion?: string;
  /** Defaults to a fresh UUID; kept across re-opens. */
  readonly clientId?: string;
  /** ssm:ResumeSession. Returns the new token, or undefined when the session is gone; a ResumeRefused (connection/session-gone.ts) ends the channel at once. */
  readonly resumeSession?: (sessionId: string) => Promise<string | undefined>;
  /** KMS access for encrypted sessions (§6.6). */
  readonly dataKeys?: DataKeyProvider;
  /** Opt in to ChallengeAcknowledgement when offered (default true; see handshake/process.ts). */
  readonly challengeAcknowledgement?: boolean;
  /** Every frame in and out (inspector). */
  readonly tap?: (event: TapEvent) => void;
  /** Retry schedule override (tests shorten it). */
  readonly backoff?: BackoffSchedule;
  /**
   * How long one open or resume keeps trying, all attempts together. Unset (the app's shells and
   * forwards), each attempt is bounded only by its own timeouts, as the plugin's are, so a resume
   * rides out a network that is silent for a while; the drop-in sets Connection.DROP_IN_DIAL_DEADLINE_MS.
   */
  readonly dialDeadlineMs?: number;
  /**
   * Drives each connection's liveness check (connection/liveness.ts), which hands a connection
   * whose gateway went silent to resume, and the channel's input watch (input-watch.ts); a real
   * interval unless a test ticks it by hand.
   */
  readonly livenessTimer?: PeriodicTimer;
  /**
   * The session handler uses each payload before its deliver() returns, or keeps it knowing it
   * pins the received message (ChannelOptions.lendPayloads): in-order payloads then come as views,
   * not copies. Port sessions (openPortSession) and shells (ShellSession, SHELL_CHANNEL: what they
   * keep is consecutive output, so the pinned reads are little more than the kept bytes).
   */
  readonly lendPayloads?: boolean;
  /**
   * Every payload given to send() stays unmodified until the session ends (ChannelOptions.lendOutgoing):
   * sent frames keep it as given instead of a copy. Port sessions, whose payloads are socket reads
   * and what Outbound packs from them; shell input need not promise it, so not shells.
   */
  readonly lendOutgoing?: boolean;
}

export interface DataChannelEvents {
  status: [status: ChannelStatus, detail: string];
  /** The session type is known: handshake complete, or first output without one. */
  ready: [info: SessionInfo];
  closed: [reason: CloseReason];
  /** A frame was dropped because it was malformed (no ack); the session continues. */
  malformed: [error: FrameError];
  /** Something the user may want to see that does not end the session. */
  warning: [message: string];
  /** The agent acknowledged input: pendingInput / pendingInputBytes fell (flow control). */
  acked: [];
  /**
   * Input sent has waited unacknowledged, with no ack at all, at least InputWait.UNANSWERED_AFTER_MS
   * while connected (input-watch.ts): `waitingMs` so far, every tick while so; then null once, when
   * an ack arrived, the connection was left (before its `reconnecting` status), or reading paused.
   */
  inputWait: [waitingMs: number | null];
}
