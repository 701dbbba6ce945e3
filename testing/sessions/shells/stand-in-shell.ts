/**
 * A ManagedShell on an instance target over the engine stand-in its test mocked in (see
 * stand-in-session.ts), with the launch answering at once unless the test gives its own.
 */
import type { SessionStatus } from '../../../shared/contract/index.js';
import { ManagedShell } from '../../../main/sessions/shells/managed-shell.js';
import type { LaunchedShell, ShellManagerOptions, ShellSink } from '../../../main/sessions/shells/types.js';

/** The instance every stand-in shell is on, and what its launch returns. */
export const STAND_IN_INSTANCE = 'i-0123456789abcdef0';
export const STAND_IN_LAUNCHED: LaunchedShell = { credentials: { sessionId: 'aws-session', streamUrl: 'wss://x', tokenValue: 't' }, target: STAND_IN_INSTANCE };

/** Output and status the window would get, in order. */
export type Sent = { kind: 'output'; bytes: Uint8Array } | { kind: 'status'; status: SessionStatus };

/** A sink that drops everything, or one that keeps it in `sent`. */
export function sinkInto(sent?: Sent[]): ShellSink {
  if (sent === undefined) return { output: () => undefined, status: () => undefined };
  return { output: (bytes) => sent.push({ kind: 'output', bytes }), status: (status) => sent.push({ kind: 'status', status }) };
}

/** Session `id`, 80x24 on the stand-in instance, its output into `sink`; `options` as ManagedShell takes them (launch and limits default). */
export function standInShell(sink: ShellSink, options: Partial<ShellManagerOptions> = {}, id = 's-1'): ManagedShell {
  return new ManagedShell(
    { id, target: { kind: 'instance', instanceId: STAND_IN_INSTANCE, profile: 'p', region: 'eu-west-1' }, cols: 80, rows: 24, title: 't', sink },
    { launch: () => Promise.resolve(STAND_IN_LAUNCHED), ...options },
  );
}
