// What the forward dialog and panel say about where a forward goes and how its connections fare.
// One place for these sentences: the panel row, its tooltip and the dialog's warning use the same
// words (e.g. "db.internal:5432 via bastion", "nothing is listening on app:8080").
import { counted, listed } from '../format/words.js';

/** Where a forward's connections go: the target's own port, or a host reached through it. */
export interface ForwardPlace {
  /** The target as people know it: a container's or instance's name (its id when unnamed). */
  readonly targetName: string;
  readonly remoteHost?: string | undefined;
  readonly remotePort: number;
}

/** "app:8080", or "db.internal:5432 via bastion". */
export function destinationText(p: ForwardPlace): string {
  return p.remoteHost === undefined ? `${p.targetName}:${p.remotePort}` : `${p.remoteHost}:${p.remotePort} via ${p.targetName}`;
}

export type ConnectionErrorKind = 'nothing-listening' | 'other';

/**
 * The last failed connection in plain words. The agent's own line ("Connection to destination
 * port failed, check SSM Agent logs.") points at logs the person may not have; what it means is
 * that the port refused (or, through a target, the host could not be reached).
 */
export function connectionErrorText(kind: ConnectionErrorKind, reason: string, p: ForwardPlace): string {
  if (kind === 'other') return `A connection failed: ${reason}`;
  return p.remoteHost === undefined
    ? `Nothing is listening on ${p.targetName}:${p.remotePort}.`
    : `Nothing is listening on ${p.remoteHost}:${p.remotePort}, or ${p.targetName} cannot reach it.`;
}

/**
 * Why a forward's session ended under it (AWS ended it, or it failed): the engine's reason, e.g.
 * "Exiting session with sessionId: …." after TerminateSession or the text of a Session Manager limit.
 */
export function sessionEndedText(reason: string): string {
  return `The session ended (${reason})`;
}

/** A forward listening again after its session ended or failed: its last problem, told as past. */
export function restartedAfterText(problem: string): string {
  return `Restarted after: ${problem}`;
}

/** "1 failed connection", "3 failed connections". */
export function failedConnectionsText(count: number): string {
  return counted(count, 'failed connection');
}

/** "1 connection", "2 connections": open connections through a forward. */
export function openConnectionsText(count: number): string {
  return counted(count, 'connection');
}

/**
 * The question before removing a forward that carries open connections: which forward (its name,
 * else its local address and destination) and how many connections go with it.
 */
export function removeForwardQuestion(forward: string, connections: number): { title: string; message: string; confirmLabel: string } {
  const cut = openConnectionsText(connections);
  return {
    title: `Remove ${forward}?`,
    message: `${cut} ${connections === 1 ? 'is' : 'are'} open through it. Removing the forward cuts ${connections === 1 ? 'it' : 'them'} and frees its local port.`,
    confirmLabel: `Remove and cut ${cut}`,
  };
}

/**
 * A warning (never a refusal) when the chosen port is not one the target declares: null when it is
 * declared, or when the target declares nothing we know (an instance, an unreadable task definition).
 */
export function undeclaredPortWarning(targetName: string, declared: readonly number[] | null, port: number): string | null {
  if (declared === null || declared.includes(port)) return null;
  if (declared.length === 0) return `${targetName} declares no ports in its task definition: port ${port} may have nothing listening.`;
  const ports = listed(declared.map(String));
  return `${targetName} declares ${declared.length === 1 ? 'port' : 'ports'} ${ports}, not ${port}: nothing may be listening on ${targetName}:${port}.`;
}

/**
 * Why a forward could not listen on its local address. Each is about this computer, never the
 * target: advice to diagnose the target would send the person the wrong way.
 * `port-privileged`: a port below 1024, which only an administrator may listen on;
 * `port-forbidden`: any other port this computer does not allow (e.g. a reserved range).
 */
export type LocalBindProblem = 'port-in-use' | 'port-privileged' | 'port-forbidden' | 'address-not-local' | 'bind-failed';

/** Ports below this need administrator rights to listen on (on Linux and macOS alike). */
export const PRIVILEGED_PORT_BELOW = 1024;

/** Where the advice is read: the new-forward form (its Local port field is at hand), or a forward's row in the panel. */
export type BindAdviceContext = 'form' | 'row';

/** What happened, in words about this computer: "Local port 5432 on 127.0.0.1 is already in use by another program on this computer." */
export function localBindText(problem: LocalBindProblem, address: string, port: number, cause?: string): string {
  switch (problem) {
    case 'port-in-use':
      return `Local port ${port} on ${address} is already in use by another program on this computer.`;
    case 'port-privileged':
      return `Local port ${port} is below ${PRIVILEGED_PORT_BELOW}: on this computer only an administrator may listen on it.`;
    case 'port-forbidden':
      return `This computer does not allow listening on local port ${port} (on ${address}).`;
    case 'address-not-local':
      return `Cannot listen on ${address}: that address does not belong to this computer.`;
    case 'bind-failed':
      return `Cannot listen on ${address}:${port}${cause ? `: ${cause}` : '.'}`;
  }
}

/** Which of Porthole's own forwards holds a local port: its name when it has one, else where it goes (its target by the name people know). */
export interface PortHolder extends ForwardPlace {
  readonly name?: string | undefined;
}

/**
 * A local port one of Porthole's own forwards listens on. Said as such: "another program on this
 * computer" sent people looking for a program (lsof, netstat) when the Forwards panel had it.
 */
export function localPortHeldText(address: string, port: number, holder: PortHolder): string {
  const which = holder.name !== undefined ? `“${holder.name}”` : `the one to ${destinationText(holder)}`;
  return `Local port ${port} on ${address} is already used by another of your forwards, ${which}, listed in Forwards.`;
}

/**
 * What to do about it, in the place it is read: the form can change its local port there and
 * then; a forward in the panel is started again (once the port is free) or edited (Edit… opens the
 * form on it); only its bind address, which the form does not change, means adding it anew.
 * `heldByForward`: the port is another of Porthole's forwards' (localPortHeldText), not a program's.
 */
export function localBindNextStep(problem: LocalBindProblem, where: BindAdviceContext, heldByForward = false): string {
  const form = where === 'form';
  switch (problem) {
    case 'port-in-use':
      if (form) return 'Pick another local port, or leave it empty to let the system pick a free one.';
      return heldByForward
        ? 'Stop that forward or give it another local port (its Edit…), then press Start; or press Edit… and give this forward another local port (empty picks a free one).'
        : 'Stop the program using it, then press Start; or press Edit… and give the forward another local port (empty picks a free one).';
    case 'port-privileged':
      return form
        ? `Pick a local port of ${PRIVILEGED_PORT_BELOW} or above, or leave it empty to let the system pick a free one.`
        : `Press Edit… and give the forward a local port of ${PRIVILEGED_PORT_BELOW} or above (empty picks a free one).`;
    case 'port-forbidden':
    case 'bind-failed':
      return form
        ? 'Pick another local port, or leave it empty to let the system pick a free one.'
        : 'Press Edit… and give the forward another local port (empty picks a free one).';
    case 'address-not-local':
      return form
        ? "Use 127.0.0.1 as the bind address (it always works), or an address of one of this computer's network interfaces."
        : 'Remove this forward and add it again: a new forward listens on 127.0.0.1, which always works.';
  }
}

/** A forward that stopped on an error the call gave no advice for. */
export const FORWARD_FAILED_NEXT_STEP = 'Run diagnostics on the target, then start the forward again.';
/** Said after the call's own advice when the forward stopped. */
export const FORWARD_RESTART_AFTER = 'Then start the forward again.';

/** Put before the failure when auto-restart stopped trying, so the row's first words say it stopped and why. */
export const FORWARD_GAVE_UP = 'Auto-restart gave up:';

/**
 * Why auto-restart gave up on a forward to an ECS task that stopped: ECS's own reason (null when it
 * gave none; `missing` when ECS no longer knows the task, as it forgets stopped tasks after a
 * while). A stopped task never runs again: its replacement is another task.
 */
export function taskStoppedText(stoppedReason: string | null, missing = false): string {
  const why = missing ? 'ECS no longer lists it' : (stoppedReason ?? 'ECS gave no reason');
  return `The task stopped (${why}); start the forward on a running task.`;
}

/** The same for a task ECS is still stopping (StopTask called, its containers not yet down): it never runs again either. */
export function taskStoppingText(stoppedReason: string | null): string {
  return `The task is stopping${stoppedReason ? ` (${stoppedReason})` : ''}; start the forward on a running task.`;
}

/** Said before the advice when auto-restart stopped: at once for a failure waiting cannot fix, or after trying for `minutes` one that might have cleared. */
export function forwardGaveUpText(why: 'cannot-heal' | 'did-not-heal', minutes: number): string {
  return why === 'cannot-heal' ? 'Trying again would fail the same way.' : `It was tried for ${minutes} minutes.`;
}

/** What saving an edited forward does to it, by how it is now (the form says it above its buttons). */
export type EditedForwardRun = 'running' | 'failed' | 'stopped';

/**
 * The sentence over the edit form's buttons: a running forward restarts, its old listener closed
 * first, so the connections open through it end (`address` is where it listens, e.g.
 * "localhost:15432"); a failed one starts again; a stopped one stays stopped.
 */
export function editEffectText(run: EditedForwardRun, address: string | null, connections: number): string {
  if (run === 'stopped') return 'It stays stopped with its new settings until you press Start.';
  if (run === 'failed') return 'Saving starts this forward again on its new settings.';
  const where = address ?? 'its local port';
  const cut = connections === 0 ? 'any connection' : `the ${openConnectionsText(connections)}`;
  return `Saving restarts this forward: ${where} closes first, ending ${cut} open through it.`;
}

/**
 * A forward following its service found no task to start on (none running, or none whose container
 * takes ECS Exec yet: a replacement is often still starting); `retrying` when auto-restart will look again.
 */
export function noReadyServiceTaskText(service: string, retrying: boolean): string {
  const words = `No running task of service ${service} is ready for ECS Exec`;
  return retrying ? `${words} — retrying.` : `${words}. Start the forward again once one is running.`;
}

/** A row's words for a forward that follows its service rather than one task. */
export function followsServiceText(service: string): string {
  return `follows service ${service}`;
}

/**
 * Said after a refusal taken from what the tree last saw, when asking AWS again whether the target
 * is ready got no answer in time: the verdict may be stale, and the person should know why it stands.
 */
export function recheckTimedOutText(timeoutMs: number): string {
  const within = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
  return `Asking AWS again got no answer within ${within}, so this is what Porthole last saw; try again in a moment.`;
}

/**
 * Said after a refusal taken from what the tree last saw, when asking AWS again would have needed the
 * person first (an MFA code, a sign-in, a credential helper): the re-check never prompts, so it did
 * not ask, and the verdict stands as last seen until the profile is refreshed.
 */
export function recheckNeedsSignInText(profile: string): string {
  return `Porthole did not ask AWS again: profile "${profile}" needs its credentials refreshed first, which can ask you to sign in, so this is what Porthole last saw. Refresh the profile, then try again.`;
}

/**
 * Why a forward that follows its service cannot have auto-restart off: following means going on to
 * the task that replaced the old one, which is a restart. Said when something asks to turn it off.
 */
export const FOLLOW_RESTARTS_TEXT = 'A forward that follows its service always restarts on a running task of it. To turn auto-restart off, turn off Follow service in Edit…';
