// The shapes a SessionHost is made with and reports: how its emulated agent runs, and the
// per-session gateway state tests and the API's admin views read.
import type { TapEvent } from '../../ssm/channel/index.js';
import type { PacingMode } from '../agent/constants.js';
import type { AgentKms } from '../agent/handshake.js';
import type { Confinement } from '../targets/confinement.js';

export interface AgentSettings {
  pacing: PacingMode;
  shell: string;
  shellStartDelayMs: number;
  shellFirstOutputDelayMs: number;
  confinement: Confinement;
  kms: AgentKms | undefined;
  tap?: (sessionId: string, event: TapEvent) => void;
}

/** Observable per-session gateway state (for tests and the API's admin views). */
export interface SessionHostStats {
  opens: number;
  kills: number;
  attached: boolean;
  finished: boolean;
  closedOutput: string | undefined;
  /** Websocket pings received from the client, over all its connections (each answered by ws). */
  pings: number;
}
