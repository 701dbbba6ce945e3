/**
 * Process-wide guards for every Porthole process (the Electron main process, the web host, the
 * standalone sandbox, the CLI): the safety net that logs an uncaught exception or unhandled
 * rejection with its cause instead of letting one bad session take the process down, and the one
 * report path (report.ts) that a throwing event listener's error takes.
 */
export { installSafetyNet, SAFETY_NET, type SafetyNetLog, type SafetyNetOptions } from './safety-net.js';
export { describeError, reportUncaught, routeUncaughtReports, type UncaughtReporter } from './report.js';
