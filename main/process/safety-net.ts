/**
 * The process-level safety net for long-running hosts (Electron main, web host, sandbox): an
 * error nobody caught is logged plainly and the process keeps running, so one defect ends at
 * most the operation that hit it instead of every open shell and forward. Short-lived tools
 * (the drop-in plugin) do not install it: for them, exiting on a bug is the right answer.
 */
import { describeError, routeUncaughtReports } from './report.js';

export const SAFETY_NET = {
  /** Enough to see a burst's first errors in full without a hot loop flooding the log. */
  MAX_REPORTS_PER_WINDOW: 20,
  /** The window the report budget refills over; the suppressed count is logged when it ends. */
  WINDOW_MS: 60_000,
} as const;

export type SafetyNetLog = (line: string) => void;

export interface SafetyNetOptions {
  /** Which process this is, for the log line (e.g. "web host"). */
  readonly name: string;
  /** Where reports go; stderr by default. */
  readonly log?: SafetyNetLog;
}

/** Installs the handlers; returns a function that removes them again. */
export function installSafetyNet(options: SafetyNetOptions): () => void {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let windowStart = Date.now();
  let reported = 0;
  let suppressed = 0;

  const report = (kind: string, error: unknown): void => {
    const now = Date.now();
    if (now - windowStart >= SAFETY_NET.WINDOW_MS) {
      if (suppressed > 0) log(`porthole (${options.name}): ${suppressed} more uncaught errors were not logged in the last minute`);
      windowStart = now;
      reported = 0;
      suppressed = 0;
    }
    if (reported >= SAFETY_NET.MAX_REPORTS_PER_WINDOW) {
      suppressed++;
      return;
    }
    reported++;
    try {
      log(`porthole (${options.name}): ${kind}; still running. This is a bug, please report it:\n${describeError(error)}`);
    } catch {
      // A broken log (closed stderr) must not turn the report itself into a crash.
    }
  };

  const onException = (error: Error, origin: NodeJS.UncaughtExceptionOrigin): void =>
    report(origin === 'unhandledRejection' ? 'unhandled promise rejection' : 'uncaught exception', error);
  const onRejection = (reason: unknown): void => report('unhandled promise rejection', reason);

  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  const unroute = routeUncaughtReports(report);
  return () => {
    unroute();
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
