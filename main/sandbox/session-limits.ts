/**
 * Session Manager's own end of a session: when a session reaches its region's maximum session
 * duration, AWS terminates it. The agent stops the shell or port plugin and the client gets
 * `channel_closed` (spec §3.6, §7: cancellation), whose Output the plugin prints as
 * `SessionId: <sid> : <Output>` before exiting 0. The sandbox does the same through the registry,
 * as TerminateSession does, but with Output saying why.
 */
import type { SandboxSession, SessionRegistry } from './session-registry.js';

export const SESSION_LIMITS = {
  /** The preference is in minutes (AWS: 1–1440). */
  MS_PER_MINUTE: 60_000,
  /**
   * channel_closed Output for a session cut at its maximum duration. The sandbox's own words,
   * shaped like the idle-timeout text AWS sends ("Your session timed out due to inactivity and has
   * been terminated."); AWS's exact text for this case is not known here.
   */
  MAX_DURATION_OUTPUT: 'Your session has reached the maximum session duration and has been terminated.',
  /** The registry's reason (logs, DescribeSessions history). */
  MAX_DURATION_REASON: 'Session Manager ended the session at its maximum session duration.',
} as const;

export class SessionLimits {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly registry: SessionRegistry) {
    this.unsubscribe = [registry.on('created', (s) => this.arm(s)), registry.on('terminated', (s) => this.disarm(s.sessionId))];
  }

  /** Stops every timer (sandbox shutdown). */
  dispose(): void {
    for (const off of this.unsubscribe) off();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(session: SandboxSession): void {
    if (session.maxSessionMinutes === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(session.sessionId);
      this.registry.terminate(session.sessionId, SESSION_LIMITS.MAX_DURATION_REASON, SESSION_LIMITS.MAX_DURATION_OUTPUT);
    }, session.maxSessionMinutes * SESSION_LIMITS.MS_PER_MINUTE);
    // A pending limit never keeps the process alive on its own.
    timer.unref();
    this.timers.set(session.sessionId, timer);
  }

  private disarm(sessionId: string): void {
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
  }
}
