// The shapes of the renderer's tab state (a tab, the tab strip's state) and what the session
// store is given by the app.
import type { SessionRecording, SessionStatus, SessionTaskEnd, ShellTarget } from '../../shared/contract/index.js';
import type { PortholeClient } from '../bridge/client.js';
import type { TerminalRegistry } from '../terminal/terminal-registry.js';
import type { TerminalLook } from '../terminal/terminal-controller.js';
import type { DialogStore } from '../ui/dialog-store.js';

export interface Tab {
  /** Stable local key: a tab exists before its session id does (while sessions.open runs). */
  readonly key: string;
  readonly sessionId: string | null;
  readonly title: string;
  readonly target: ShellTarget;
  readonly status: SessionStatus;
  /**
   * How often this session's connection dropped (each move into 'reconnecting'). Kept as a count
   * because a resume can be over before a frame is drawn: the tab's tooltip still says it happened.
   */
  readonly reconnects: number;
  /**
   * When the session's connection came back after it last dropped (ms since the epoch): a line that
   * says it reconnected stays until the next change, and read later it must say when.
   */
  readonly reconnectedAt?: number | undefined;
  /** Where the session is being recorded (asciicast v2), null when it is not. */
  readonly recording: SessionRecording | null;
  /** Another window took the session (see session-handover.ts): this tab shows its old text only. */
  readonly elsewhere?: boolean;
  /** Input that did not reach the session, in words (input-notice.ts); shown in the tab until dismissed or replaced by the next. */
  readonly inputNotice?: string | undefined;
  /**
   * How long (ms) input sent to the connected session has gone unanswered, as main last said (the
   * gateway may have gone silent); undefined while nothing waits that long. Shown in the tab's dot,
   * its tooltip and the status bar (inputWaitLine), which cover no text and leave the terminal's size alone.
   */
  readonly inputWaitMs?: number | undefined;
  /** The closed session's ECS task stopped or is stopping (main learns it after the close); cleared when the tab's session is live again. */
  readonly taskEnd?: SessionTaskEnd | undefined;
}

export interface SessionsState {
  readonly tabs: readonly Tab[];
  readonly activeKey: string | null;
  /** Split view: the tab shown beside the active one, null when one terminal shows. */
  readonly pairKey: string | null;
  /** Why the link to the host is gone (web host), null while it holds: nothing that needs the host is offered. */
  readonly linkLost: string | null;
}

export interface SessionDeps {
  readonly client: PortholeClient;
  readonly dialogs: DialogStore;
  readonly look: () => TerminalLook;
  readonly confirmCloseLive: () => boolean;
  readonly registry: () => TerminalRegistry;
  /** A shell could not be opened at all: the app runs diagnostics so the cause shows at once. */
  readonly openFailed: (target: ShellTarget, title: string) => void;
  /** A recording finished: where its .cast file is. */
  readonly recorded: (path: string) => void;
  /** Something the person asked for failed without a place of its own to say so (a toast). */
  readonly failed: (message: string) => void;
}
