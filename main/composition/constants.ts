// Tunables of the composition root.

export const APP = {
  /** Set to a directory to record every shell tab as asciicast v2 there (off by default: recordings hold secrets typed). */
  RECORD_DIR_ENV: 'PORTHOLE_RECORD_DIR',
  /** Recordings started from a tab go here, under the data dir (kept with the app's other per-user state). */
  RECORDINGS_SUBDIR: 'recordings',
  /** Shutdown waits this long for sessions and forwards to end before the sandbox is stopped regardless. */
  SHUTDOWN_GRACE_MS: 3_000,
} as const;
