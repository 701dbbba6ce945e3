// What the port forward form needs when it edits a forward already in the panel: the fields it
// starts with, whether the keyboard goes to the local port, what saving will do, and whether
// anything changed (nothing changed: no restart).
import type { ForwardInfo, ForwardSpec } from '../../shared/contract/index.js';
import { editEffectText, type EditedForwardRun, type LocalBindProblem } from '../../shared/messages/forwards.js';
import { targetKey } from './forward-targets.js';

/** The form's fields as text and ticks. */
export interface FormFields {
  readonly remotePort: string;
  readonly viaHost: boolean;
  readonly remoteHost: string;
  /** Empty: an automatic port. */
  readonly localPort: string;
  readonly name: string;
  readonly autoRestart: boolean;
}

/**
 * A new forward restarts by itself unless the person unticks it: AWS ends sessions (TerminateSession,
 * Session Manager's maximum session duration) and a forward that died with them would be no better
 * than a script.
 */
export const NEW_FORWARD_FIELDS: FormFields = { remotePort: '', viaHost: false, remoteHost: '', localPort: '', name: '', autoRestart: true };

/** The edited forward's settings as the form shows them. */
export function fieldsOf(spec: ForwardSpec): FormFields {
  return {
    remotePort: String(spec.remotePort),
    viaHost: spec.remoteHost !== undefined,
    remoteHost: spec.remoteHost ?? '',
    localPort: spec.localPort === 'auto' ? '' : String(spec.localPort),
    name: spec.name ?? '',
    autoRestart: spec.autoRestart,
  };
}

/** Problems the local port field can fix (a bind address the form does not offer cannot be). */
const PORT_PROBLEMS: ReadonlySet<LocalBindProblem> = new Set(['port-in-use', 'port-privileged', 'port-forbidden', 'bind-failed']);

/** The forward failed on its local port: the form opens with that field focused and selected. */
export function failedOnLocalPort(forward: ForwardInfo): boolean {
  return forward.state === 'failed' && localPortProblem(forward.localBindProblem);
}

/** A local bind problem the local port field can fix (Start refused with one marks that field). */
export function localPortProblem(problem: LocalBindProblem | undefined): boolean {
  return problem !== undefined && PORT_PROBLEMS.has(problem);
}

function runOf(forward: ForwardInfo, state: ForwardInfo['state']): EditedForwardRun {
  if (state === 'stopped') return 'stopped';
  return state === 'failed' ? 'failed' : 'running';
}

/** What saving does to the forward, and the submit button's words for it. */
export function editEffect(forward: ForwardInfo, state: ForwardInfo['state'], connections: number): { text: string; submit: string } {
  const run = runOf(forward, state);
  const address = forward.localPort === null ? null : `localhost:${forward.localPort}`;
  const submit = run === 'running' ? 'Save and restart' : run === 'failed' ? 'Save and start' : 'Save';
  return { text: editEffectText(run, address, connections), submit };
}

/**
 * The local port hint: an automatic port is kept while it can be, and the form says which. A saved
 * forward (`saved`: the form's Saved box, ticked) never stays automatic: its saved entry takes the
 * port it listens on, so an empty field picks a free port once and that port is kept.
 */
export function localPortHint(forward: ForwardInfo | undefined, saved = false): string {
  if (forward !== undefined && saved) return 'Empty: a free port is picked, then kept as this saved forward’s port.';
  const port = forward?.localPort ?? forward?.lastLocalPort ?? null;
  return forward?.spec.localPort === 'auto' && port !== null ? `Empty: a free port (now ${port}).` : 'Leave empty to pick a free port.';
}

/** Whether the form's spec differs from the forward's in anything a forward runs on (its label aside). */
export function specChanged(before: ForwardSpec, after: ForwardSpec): boolean {
  const key = (s: ForwardSpec): string =>
    JSON.stringify([targetKey(s.target), s.remotePort, s.remoteHost ?? null, s.localPort, s.bindAddress, s.name ?? null, s.autoRestart, s.follow?.service ?? null]);
  return key(before) !== key(after);
}
