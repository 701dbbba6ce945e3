/** Tunables of local forwards (issue 4). */
export const FORWARDS = {
  /** Local listeners bind here unless the user asks for another address: nothing off-box can connect. */
  DEFAULT_LOCAL_ADDRESS: '127.0.0.1',
  /** First delay before re-starting a session that ended unexpectedly. */
  RESTART_INITIAL_DELAY_MS: 500,
  /** Each further failure doubles the delay… */
  RESTART_FACTOR: 2,
  /** …up to this, so a target that is down is retried twice a minute, not hammered. */
  RESTART_MAX_DELAY_MS: 30_000,
  /**
   * How long auto-restart keeps trying a start that failed in a way that may clear by itself or by a
   * fix made elsewhere (restart-policy.ts): long enough for a patch reboot, a scheduled instance
   * start, a regional Session Manager blip or someone running `aws sso login`; short enough that a
   * forgotten forward stops calling AWS within the hour. (A stopped ECS task, reported the same way,
   * is given up on at once when DescribeTasks says so: main/hubs/forwards/task-gone.ts.)
   */
  RESTART_MAY_HEAL_GIVE_UP_MS: 30 * 60_000,
  /** A session that lived this long counts as healthy: the next failure starts the backoff over. */
  RESTART_STABLE_AFTER_MS: 60_000,
  /** Byte-rate window: one sample per second gives the usual "bytes/s" reading. */
  RATE_SAMPLE_MS: 1_000,
  /** Connections accepted while a session is (re)starting wait at most this long for it. */
  PENDING_CONNECTION_TIMEOUT_MS: 30_000,
} as const;
