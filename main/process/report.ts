/**
 * The one place an error that nobody up the stack can handle is reported: a throwing event
 * listener (main/ssm/util/emitter.ts) and the safety net's uncaught exceptions and rejections.
 * While a safety net is installed (long-running hosts) reports go through it, rate-limited into
 * its log; without one (short-lived CLIs, tests) they go to stderr with the stack. Reporting
 * never throws, so the code that reports carries on.
 */

export type UncaughtReporter = (kind: string, error: unknown) => void;

const reporters: UncaughtReporter[] = [];

/** The error's stack with its causes, or its text. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = error.stack ?? `${error.name}: ${error.message}`;
  return error.cause === undefined ? own : `${own}\ncaused by: ${describeError(error.cause)}`;
}

/** Reports a bug nobody could handle, through the installed safety net if there is one. */
export function reportUncaught(kind: string, error: unknown): void {
  const reporter = reporters.at(-1);
  try {
    if (reporter) reporter(kind, error);
    else process.stderr.write(`porthole: ${kind}; still running. This is a bug, please report it:\n${describeError(error)}\n`);
  } catch {
    // A broken log (closed stderr) must not turn the report itself into a crash.
  }
}

/** Routes reports to `reporter` until the returned function is called (the safety net does this). */
export function routeUncaughtReports(reporter: UncaughtReporter): () => void {
  reporters.push(reporter);
  return () => {
    const at = reporters.lastIndexOf(reporter);
    if (at !== -1) reporters.splice(at, 1);
  };
}
