// `sessions`: interactive shells in ECS containers and on instances. Terminal bytes for a session
// travel in the data plane (data.ts); this area carries their lifecycle.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EcsContainerRefSchema, EmptySchema, EpochMsSchema, IdSchema, InstanceRefSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

export const TERMINAL_BOUNDS = {
  /** The protocol's size message carries uint32s, but no real terminal is wider or taller than this. */
  MAX_COLS: 2000,
  MAX_ROWS: 1000,
  COMMAND_MAX: 1024,
  TITLE_MAX: 200,
} as const;

export const ColsSchema = lazySchema(() => z.number().int().min(1).max(TERMINAL_BOUNDS.MAX_COLS));
export const RowsSchema = lazySchema(() => z.number().int().min(1).max(TERMINAL_BOUNDS.MAX_ROWS));

/** A shell target: an ECS container plus the command ECS Exec runs (settings' default when omitted), or an instance. */
export const ShellTargetSchema = lazySchema(() => z.discriminatedUnion('kind', [
  EcsContainerRefSchema.extend({ command: z.string().trim().min(1).max(TERMINAL_BOUNDS.COMMAND_MAX).optional() }),
  InstanceRefSchema,
]));
export type ShellTarget = z.infer<typeof ShellTargetSchema>;

/** A session's states, in the order the binary status frame numbers them (wire.ts). */
export const SESSION_STATES = ['connecting', 'connected', 'reconnecting', 'closed'] as const;
export const SessionStateSchema = lazySchema(() => z.enum(SESSION_STATES));
export type SessionState = z.infer<typeof SessionStateSchema>;

/** How a closed session ended (SessionStatus.ending). */
/** How a closed session may end, in the order the binary status frame numbers them (wire.ts). */
export const SESSION_ENDINGS = ['exited', 'stopped', 'failed', 'timed-out'] as const;
export const SessionEndingSchema = lazySchema(() => z.enum(SESSION_ENDINGS));
export type SessionEnding = z.infer<typeof SessionEndingSchema>;

export const SessionStatusSchema = lazySchema(() => z.object({
  state: SessionStateSchema,
  /** Why the state changed, in plain words ("The container stopped", "Network lost; retrying 2 of 5"). */
  reason: TextSchema.optional(),
  /**
   * The technical account behind a reason said in plain words (the engine's message: attempts made,
   * a WebSocket close code), shown beside it as secondary text. Absent when the reason is all there is.
   */
  detail: TextSchema.optional(),
  /** The remote command's exit code, present only when the agent actually reported one. */
  exitCode: z.number().int().optional(),
  /**
   * How a closed session ended, so the tab offers what fits: 'exited' it ended normally (the
   * gateway closed the channel with no failure text: the shell exited, or someone called
   * TerminateSession — the protocol does not tell these apart), 'stopped'
   * Porthole ended it on request, 'timed-out' Session Manager ended it at one of its time limits,
   * the idle session timeout or the maximum session duration (its channel_closed text says which:
   * nothing broke, a new session is what helps),
   * 'failed' anything else (a failure text, lost output, a launch that never connected). Absent
   * on live states; a closed status without it counts as failed.
   */
  ending: SessionEndingSchema.optional(),
}));
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/**
 * The ECS task of a shell that ended, as DescribeTasks told it once the session closed (main asks
 * once per end): ECS is stopping it or it stopped, so no new shell on it can work. Absent while
 * nothing is known, for instances, and for a task that still runs.
 */
export const SessionTaskEndSchema = lazySchema(() => z.object({
  /** 'stopping': desiredStatus STOPPED, lastStatus not yet STOPPED; 'stopped': lastStatus STOPPED. */
  state: z.enum(['stopping', 'stopped']),
  /** ECS's stoppedReason ("Task stopped by user", "Essential container in task exited"). */
  stoppedReason: TextSchema.min(1).optional(),
  /** The shell's container's exit code, once ECS reports one. */
  exitCode: z.number().int().optional(),
}));
export type SessionTaskEnd = z.infer<typeof SessionTaskEndSchema>;

/** A session being recorded as asciicast v2: where the .cast file is written and since when. */
export const SessionRecordingSchema = lazySchema(() => z.object({
  path: z.string().min(1),
  startedAt: EpochMsSchema,
}));
export type SessionRecording = z.infer<typeof SessionRecordingSchema>;

export const SessionInfoSchema = lazySchema(() => z.object({
  id: IdSchema,
  title: z.string().min(1).max(TERMINAL_BOUNDS.TITLE_MAX),
  target: ShellTargetSchema,
  status: SessionStatusSchema,
  openedAt: EpochMsSchema,
  /** Present while the session is recorded; absent or null otherwise. */
  recording: SessionRecordingSchema.nullable().optional(),
  /** Why the last recording could not start or stopped early (the session itself went on). */
  recordingError: TextSchema.optional(),
  /** The closed session's ECS task is stopping or stopped (learnt after the close, sent by `info`). */
  taskEnd: SessionTaskEndSchema.optional(),
}));
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/**
 * Handing live sessions to the window that connects next (a reload, a dropped web host socket, a
 * second browser tab). Shared so main's policy and the renderer's words agree.
 */
export const SESSION_HANDOVER = {
  /**
   * A session whose window went away stays open this long for a window to take it back: long
   * enough for a reload, a laptop lid or a flaky link to the web host; short enough that a
   * forgotten shell does not hold an AWS session (and whatever runs in it) for hours.
   */
  GRACE_MS: 5 * 60_000,
  /** One adopt call takes at most this many sessions: far more tabs than anyone keeps, a bound for a bad caller. */
  MAX_ADOPT: 256,
} as const;

/** A live session a window may take: waiting for a window since the previous one went away, or shown in another window now. */
export const AdoptableSessionSchema = lazySchema(() => z.object({
  session: SessionInfoSchema,
  /** The terminal size main last applied, so the new terminal replays its scrollback at the size it was written for. */
  cols: ColsSchema,
  rows: RowsSchema,
  /** 'waiting': no window has it (terminated at `expiresAt` unless taken); 'elsewhere': another live window shows it. */
  owner: z.enum(['waiting', 'elsewhere']),
  expiresAt: EpochMsSchema.optional(),
}));
export type AdoptableSession = z.infer<typeof AdoptableSessionSchema>;

const SessionResult = lazySchema(() => z.object({ session: SessionInfoSchema }));
const ById = lazySchema(() => z.object({ id: IdSchema }).strict());

export const sessionsService = defineService({
  methods: {
    /** Opens a shell owned by the calling window; its bytes go to that window only. */
    /**
     * `openKey`: the caller's name for the tab while the call runs (it has no session id yet); the
     * `status` events of the launch (connecting, e.g. waiting on a credential_process sign-in) carry it.
     */
    open: method(
      () => z.object({ target: ShellTargetSchema, cols: ColsSchema, rows: RowsSchema, title: z.string().min(1).max(TERMINAL_BOUNDS.TITLE_MAX).optional(), openKey: IdSchema.optional() }).strict(),
      () => SessionResult,
    ),
    /** The calling window's sessions. */
    list: method(() => EmptySchema, () => z.object({ sessions: z.array(SessionInfoSchema) })),
    close: method(() => ById, () => EmptySchema),
    rename: method(() => z.object({ id: IdSchema, title: z.string().trim().min(1).max(TERMINAL_BOUNDS.TITLE_MAX) }).strict(), () => SessionResult),
    /** Closes the session if still open and opens a fresh one to the same target, keeping the id. */
    restart: method(() => ById, () => SessionResult),
    /** Starts or stops recording the live session to `<dataDir>/recordings/<title>-<time>.cast`. */
    setRecording: method(() => z.object({ id: IdSchema, enabled: z.boolean() }).strict(), () => SessionResult),
    /** Live sessions this window does not have: left by a window that went away, or shown by another window. */
    adoptable: method(() => EmptySchema, () => z.object({ sessions: z.array(AdoptableSessionSchema) })),
    /**
     * Makes the calling window the sessions' only owner. Ids that are no longer open are left out of
     * the result. For each one taken, the data plane then carries its retained scrollback (main keeps
     * the last SHELLS.SCROLLBACK_BYTES of output per session, cut at a safe point) followed by live output and its
     * status; the window that had it gets `moved`. Create the terminals before calling: replay
     * bytes may arrive before this reply does.
     */
    adopt: method(
      () => z.object({ ids: z.array(IdSchema).min(1).max(SESSION_HANDOVER.MAX_ADOPT) }).strict(),
      () => z.object({ sessions: z.array(SessionInfoSchema) }),
    ),
  },
  events: {
    /** `openKey`: present while the session's first launch runs, the one its `open` call gave (the window knows no id yet). */
    status: lazySchema(() => lazySchema(() => z.object({ id: IdSchema, status: SessionStatusSchema, openKey: IdSchema.optional() }))),
    /** The session's info changed other than by status (recording started or finished). */
    info: lazySchema(() => lazySchema(() => z.object({ session: SessionInfoSchema }))),
    /**
     * To the session's window: input sent to it has waited this long (ms) with no acknowledgement at
     * all while connected (a gateway gone silent, say), repeated each second while so; null once it
     * no longer has (an ack came, or the connection was left: its 'reconnecting' status takes over).
     */
    inputWait: lazySchema(() => z.object({ id: IdSchema, waitingMs: z.number().int().min(0).nullable() })),
    /** To the window that had these sessions: a newer window took them; this one no longer gets their bytes. */
    moved: lazySchema(() => lazySchema(() => z.object({ ids: z.array(IdSchema).min(1), reason: TextSchema.min(1) }))),
  },
});
