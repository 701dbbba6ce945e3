/**
 * The sandbox's record of Session Manager sessions. The API endpoint (StartSession,
 * ExecuteCommand, ResumeSession, TerminateSession) creates and updates entries; the message
 * gateway looks them up when a client opens `/v1/data-channel/<sessionId>` and checks the token.
 */
import { Emitter } from '../ssm/util/emitter.js';

/** What the agent must run for a session (derived from the document and its parameters). */
export type SandboxSessionKind =
  | { type: 'Standard_Stream' }
  | { type: 'InteractiveCommands'; command: string }
  | { type: 'NonInteractiveCommands'; command: string; separateOutputStream: boolean }
  | {
      type: 'Port';
      /** The document's `properties` after parameter substitution, sent verbatim in the HandshakeRequest (§8.1). */
      properties: Record<string, string>;
      /** As requested: `localhost` for the target itself, else the remote host name. */
      host: string;
      portNumber: number;
      /**
       * The real loopback address the sandbox resolved (host, portNumber) to, where the world
       * runs a server for that target port; undefined when nothing listens there, so the agent's
       * dial is refused like a closed port (ConnectToPortError in mux mode).
       */
      dial?: { host: string; port: number };
    };

export interface SandboxSession {
  readonly sessionId: string;
  /** Instance id (`i-…`) or ECS target (`ecs:<cluster>_<taskId>_<runtimeId>`). */
  readonly target: string;
  /**
   * The region whose StartSession or ExecuteCommand made it (the target key names no region, so
   * ECS StopTask ends only its own region's sessions); unset for sessions a test adds directly.
   */
  readonly region?: string;
  /**
   * The account that made it (the caller's, or an assumed role's): target keys name no account
   * either, and each account's Session Manager sees only its own sessions. Unset as region is.
   */
  readonly account?: string;
  readonly documentName: string;
  readonly kind: SandboxSessionKind;
  /** The currently valid data-channel token; ResumeSession replaces it. */
  tokenValue: string;
  /** Epoch ms after which `tokenValue` is refused (fault injection: a token that expires). */
  tokenExpiresAt: number;
  /** KMS key id when the session must be encrypted (shells only, §6.1). */
  kmsKeyId?: string;
  /** The target's name (instance Name tag, container/task): its shells' hostname when confined. */
  readonly targetName?: string;
  /** Working directory of the target's shells (one per container/instance, under the sandbox's temp dir). */
  readonly workdir: string;
  /** Agent version the emulated agent advertises (drives basic vs mux, §8.1). */
  agentVersion: string;
  /**
   * `Terminating`: the agent ended while its client was away; the unacked output tail and
   * channel_closed wait for the client, so ResumeSession still works. `Terminated`: over.
   */
  state: 'Pending' | 'Connected' | 'Terminating' | 'Terminated';
  readonly createdAt: number;
  /** Epoch ms when it became Terminated (DescribeSessions' EndDate). */
  endedAt?: number;
  /** Minutes after the start at which Session Manager ends it (the region's maxSessionDuration preference). */
  readonly maxSessionMinutes?: number;
  /** Minutes without client input after which Session Manager ends it (the region's idleSessionTimeout preference). */
  readonly idleSessionMinutes?: number;
  /**
   * Epoch ms of the session's last activity for the idle timeout (session-limits.ts): its first
   * connection, then each client input message the agent takes and each reconnection. Unset
   * until the client connects.
   */
  lastActivityAt?: number;
}

export interface SessionRegistryEvents {
  created: [SandboxSession];
  /** The session, why it ended (for logs), and the channel_closed Output its client is sent. */
  terminated: [SandboxSession, string, string];
}

export class SessionRegistry extends Emitter<SessionRegistryEvents> {
  private readonly sessions = new Map<string, SandboxSession>();

  add(session: SandboxSession): void {
    this.sessions.set(session.sessionId, session);
    this.emit('created', session);
  }

  get(sessionId: string): SandboxSession | undefined {
    return this.sessions.get(sessionId);
  }

  list(): SandboxSession[] {
    return [...this.sessions.values()];
  }

  /**
   * Marks a session terminated; the gateway listens and ends the agent + channel, sending the
   * client `output` as channel_closed's Output ('' for an ordinary end, §3.6).
   */
  terminate(sessionId: string, reason: string, output = ''): boolean {
    const s = this.sessions.get(sessionId);
    if (!s || s.state === 'Terminated') return false;
    s.state = 'Terminated';
    s.endedAt = Date.now();
    this.emit('terminated', s, reason, output);
    return true;
  }
}
