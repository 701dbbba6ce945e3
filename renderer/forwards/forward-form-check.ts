// What the new/edit forward form refuses before any call, and which field it is about: the form
// marks that field invalid and puts the keyboard on it, so a wrong port is fixed where it is typed
// rather than hunted for from a message at the form's foot.
import { FORWARD_BOUNDS, REMOTE_HOST_PATTERN, type ForwardInfo } from '../../shared/contract/index.js';
import { destinationText } from '../../shared/messages/forwards.js';
import { hostWithPort, hostWithPortText } from '../../shared/messages/remote-host.js';
import type { SessionRefusal } from '../../shared/target-readiness.js';
import { targetKey, type TargetEntry } from './forward-targets.js';

export type FormField = 'target' | 'remotePort' | 'localPort' | 'remoteHost' | 'name';

export interface FormProblem {
  readonly field: FormField;
  readonly text: string;
}

/** What the person typed, as typed. */
export interface FormInput {
  readonly hasTarget: boolean;
  readonly remotePort: string;
  readonly localPort: string;
  readonly viaHost: boolean;
  readonly remoteHost: string;
  readonly name: string;
}

/** A port as typed: a whole number from 1 to 65535, else null. */
export function parsePort(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}

/** The first thing the form refuses, in field order; null when it may be sent. */
export function formProblem(input: FormInput): FormProblem | null {
  const host = input.remoteHost.trim();
  if (!input.hasTarget) return { field: 'target', text: 'Choose a target: open its region in the tree first if it is not listed.' };
  // Before the remote port: a pasted endpoint usually leaves that field empty, and its port is right here.
  const withPort = input.viaHost ? hostWithPort(host) : null;
  if (withPort !== null) return { field: 'remoteHost', text: hostWithPortText(withPort, 'form') };
  if (parsePort(input.remotePort) === null) return { field: 'remotePort', text: 'The remote port must be a number from 1 to 65535.' };
  if (input.localPort.trim() !== '' && parsePort(input.localPort) === null) {
    return { field: 'localPort', text: 'The local port must be a number from 1 to 65535, or empty to pick a free one.' };
  }
  if (input.viaHost && host === '') return { field: 'remoteHost', text: 'Enter the host to reach through the target, or untick the remote host option.' };
  if (input.viaHost && host.length > FORWARD_BOUNDS.REMOTE_HOST_MAX) {
    return { field: 'remoteHost', text: `The remote host has at most ${FORWARD_BOUNDS.REMOTE_HOST_MAX} characters (the longest DNS name).` };
  }
  if (input.viaHost && !REMOTE_HOST_PATTERN.test(host)) {
    return {
      field: 'remoteHost',
      text: 'The remote host must be a host name or an IP address (letters, digits, dots, hyphens, underscores, colons), such as db.internal or 10.0.0.5.',
    };
  }
  if (input.name.trim().length > FORWARD_BOUNDS.NAME_MAX) return { field: 'name', text: `The name has at most ${FORWARD_BOUNDS.NAME_MAX} characters.` };
  return null;
}

/** Where the form's forward would go, as typed, to compare with the forwards already listed. */
export interface FormDestination {
  /** The chosen target (targetKey) and its name; undefined while none is chosen. */
  readonly target: { readonly key: string; readonly name: string } | undefined;
  readonly remotePort: string;
  readonly viaHost: boolean;
  readonly remoteHost: string;
  /** The forward being edited, which is not a second one of itself. */
  readonly editing?: string | undefined;
}

/**
 * A warning, never a refusal, when a listed forward already goes where the form's would (same
 * target, remote host and port): a second one on another local port can be meant, but is more
 * often a forward forgotten in the panel. Null when none does. Host names compare ignoring case.
 */
export function duplicateForwardWarning(input: FormDestination, forwards: readonly ForwardInfo[]): string | null {
  const port = parsePort(input.remotePort);
  if (input.target === undefined || port === null) return null;
  const host = input.viaHost ? input.remoteHost.trim().toLowerCase() : '';
  const same = forwards.find(
    (f) => f.id !== input.editing && f.spec.remotePort === port && (f.spec.remoteHost ?? '').toLowerCase() === host && targetKey(f.spec.target) === input.target?.key,
  );
  if (same === undefined) return null;
  const where = destinationText({ targetName: input.target.name, remoteHost: host === '' ? undefined : same.spec.remoteHost, remotePort: port });
  const local = same.localPort ?? same.lastLocalPort;
  return local === null ? `You already have a forward to ${where} (${same.state}).` : `You already forward ${where} on localhost:${local}${same.localPort === null ? ` (${same.state})` : ''}.`;
}

/**
 * Why Start is refused on the chosen target (it cannot take a session now), or null. Not for a
 * forward that follows its service: it starts on whichever of the service's tasks is ready (main
 * skips the check for it too). Nor for an edit that keeps the forward's target: that one was
 * checked when it started.
 */
export function startRefusal(chosen: Pick<TargetEntry, 'key' | 'refusal' | 'service'> | undefined, opts: { readonly follow: boolean; readonly editedTargetKey: string | null }): SessionRefusal | null {
  if (chosen === undefined || chosen.key === opts.editedTargetKey) return null;
  if (opts.follow && chosen.service !== null) return null;
  return chosen.refusal;
}
