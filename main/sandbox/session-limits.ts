/**
 * Session Manager's own end of a session: when a session reaches its region's maximum session
 * duration, or has had no input from its client for the region's idle session timeout, AWS
 * terminates it. The agent stops the shell or port plugin and the client gets `channel_closed`
 * (spec §3.6, §7: cancellation), whose Output the plugin prints as `SessionId: <sid> : <Output>`
 * before exiting 0. The sandbox does the same through the registry, as TerminateSession does, but
 * with Output saying why.
 *
 * What counts as activity for the idle timeout is told beside DEFAULT_IDLE_MINUTES, with the
 * evidence for it.
 */
import { IDLE_TIMEOUT_OUTPUT, MAX_DURATION_OUTPUT } from '../ssm/datachannel/index.js';
import type { SandboxSession, SessionRegistry } from './session-registry.js';

export const SESSION_LIMITS = {
  /** The preferences are in minutes (AWS: 1–1440 for the duration, 1–60 for the idle timeout). */
  MS_PER_MINUTE: 60_000,
  /**
   * AWS's idle session timeout when the region's preferences do not set one (Session Manager docs).
   *
   * What resets it, here as on AWS: input from the client, that is every new data message it sends
   * (keys, pastes, terminal resizes, port-forward bytes, flags) as the agent takes it, and each
   * connection of the client (the first, and every reconnection after ResumeSession). Output does
   * not, nor do the client's acknowledgements of it, nor resends of a message the agent already
   * took; a session nobody has connected to yet is not timed out here (what AWS does then is not
   * known). So a shell that only prints, or a port forward that only downloads (its client sends
   * nothing but acks), ends after this long, as on AWS. The evidence (researched 2026-12):
   * - AWS's own page ("Specify an idle session timeout value", Session Manager user guide): the
   *   timer resets when Session Manager receives client-side input, naming keyboard input,
   *   terminal or browser window resizes and session reconnection (ResumeSession), "not limited
   *   to" these. Nothing there or elsewhere says output or traffic from the target counts.
   * - aws/amazon-ssm-agent#261 and yukiarrr/ecsk#23: shells running a long job with nobody typing
   *   (a database import; a long-running command under ECS Exec) were cut with "Your session
   *   timed out due to inactivity…": the job's output, which those clients acknowledged, did not
   *   keep them alive.
   * - aws/session-manager-plugin#83, an AWS maintainer: smux keepalive is turned off (plugin ≥
   *   1.2.339.0 with agent ≥ 3.1.1511.0) because its pings would keep sessions from the idle
   *   timeout: a client's small data messages count, whatever they carry (spec §8.3: a NOP every
   *   10 s, each an input message). amazon-ssm-agent#261 again: an RDP tunnel whose minimised
   *   client stopped sending was cut, and kept once it sent again.
   * - No report was found of a port forward kept alive by traffic from the target alone, nor of
   *   acknowledgements counting. That part is inferred from the above, not confirmed.
   */
  DEFAULT_IDLE_MINUTES: 20,
  /**
   * ECS Exec's idle timeout: fixed at 20 minutes whatever the region's Session Manager preferences
   * say (Amazon ECS developer guide, "Using Amazon ECS Exec for debugging", Considerations; the
   * request to make it settable, aws/containers-roadmap#1939, is still open). Its sessions end
   * with the same channel_closed text (seen in ECS Exec clients' reports, e.g. tedsmitt/ecsgo#19).
   */
  ECS_EXEC_IDLE_MINUTES: 20,
  /**
   * channel_closed Output for a session cut at its maximum duration. The sandbox's own words,
   * shaped like the idle-timeout text below; AWS's exact text for this case is not known here.
   * Porthole's engine knows them (isMaxDurationOutput) and tells the end as Session Manager's.
   */
  MAX_DURATION_OUTPUT,
  /** The registry's reason (logs, DescribeSessions history). */
  MAX_DURATION_REASON: 'Session Manager ended the session at its maximum session duration.',
  /** channel_closed Output for a session ended by the idle timeout: the text AWS sends, which Porthole's engine recognises. */
  IDLE_OUTPUT: IDLE_TIMEOUT_OUTPUT,
  IDLE_REASON: 'Session Manager ended the session after its idle session timeout.',
} as const;

export interface SessionLimitsOptions {
  /**
   * Length of one preference minute in ms (default SESSION_LIMITS.MS_PER_MINUTE). Only tests set
   * it, to see the limits end sessions through real sockets in a fraction of a second.
   */
  readonly minuteMs?: number;
}

export class SessionLimits {
  private readonly durationTimers = new Map<string, NodeJS.Timeout>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: Array<() => void>;
  private readonly minuteMs: number;

  constructor(
    private readonly registry: SessionRegistry,
    options: SessionLimitsOptions = {},
  ) {
    this.minuteMs = options.minuteMs ?? SESSION_LIMITS.MS_PER_MINUTE;
    this.unsubscribe = [registry.on('created', (s) => this.arm(s)), registry.on('terminated', (s) => this.disarm(s.sessionId))];
  }

  /** Stops every timer (sandbox shutdown). */
  dispose(): void {
    for (const off of this.unsubscribe) off();
    for (const timer of [...this.durationTimers.values(), ...this.idleTimers.values()]) clearTimeout(timer);
    this.durationTimers.clear();
    this.idleTimers.clear();
  }

  private arm(session: SandboxSession): void {
    if (session.maxSessionMinutes !== undefined) {
      this.durationTimers.set(
        session.sessionId,
        unrefTimer(() => {
          this.durationTimers.delete(session.sessionId);
          this.registry.terminate(session.sessionId, SESSION_LIMITS.MAX_DURATION_REASON, SESSION_LIMITS.MAX_DURATION_OUTPUT);
        }, session.maxSessionMinutes * this.minuteMs),
      );
    }
    if (session.idleSessionMinutes !== undefined) this.armIdle(session, session.idleSessionMinutes * this.minuteMs);
  }

  /**
   * One timer per session, not one per input message: when it fires, the session is ended only if
   * no input came in the last `idleMs`; otherwise it waits again for what is left of that window.
   */
  private armIdle(session: SandboxSession, waitMs: number): void {
    const idleMs = (session.idleSessionMinutes ?? 0) * this.minuteMs;
    this.idleTimers.set(
      session.sessionId,
      unrefTimer(() => {
        this.idleTimers.delete(session.sessionId);
        // Not connected yet: nothing to time out, look again a window later.
        const idleFor = session.lastActivityAt === undefined ? 0 : Date.now() - session.lastActivityAt;
        if (idleFor >= idleMs) this.registry.terminate(session.sessionId, SESSION_LIMITS.IDLE_REASON, SESSION_LIMITS.IDLE_OUTPUT);
        else this.armIdle(session, idleMs - idleFor);
      }, waitMs),
    );
  }

  private disarm(sessionId: string): void {
    clearTimeout(this.durationTimers.get(sessionId));
    clearTimeout(this.idleTimers.get(sessionId));
    this.durationTimers.delete(sessionId);
    this.idleTimers.delete(sessionId);
  }
}

/** A pending limit never keeps the process alive on its own. */
function unrefTimer(run: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(run, ms);
  timer.unref();
  return timer;
}
