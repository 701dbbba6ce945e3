// What the buttons of a forward's row say to a screen reader and in their tooltips. Every row has
// a Stop (or Start), Edit…, Save (Saved once it is) and ✕: each names its own forward, so "Stop" or
// "Edit" is not heard once per row with nothing to tell the rows apart. The visible word comes
// first (speech input says "Stop …"; ✕ is said as Remove, as its tooltip says). Also what the
// panel's live region says of a forward.
import type { ForwardInfo, PlainError } from '../../shared/contract/index.js';

/** How a row's forward is named: its name when it has one, and where it goes from where it listens. */
export function forwardRowName(name: string | undefined, localAddress: string | null, destination: string): string {
  const route = localAddress === null ? `to ${destination}` : `${localAddress} → ${destination}`;
  return name ? `“${name}” ${route}` : route;
}

export interface ForwardRowButtons {
  readonly stop: { readonly label: string; readonly title: string };
  readonly start: { readonly label: string; readonly title: string };
  readonly save: { readonly label: string; readonly title: string };
  /** Save once the forward is saved: nothing left to do, it says so instead. */
  readonly saved: { readonly label: string; readonly title: string };
  readonly edit: { readonly label: string; readonly title: string };
  readonly remove: { readonly label: string; readonly title: string };
}

/** The accessible names and tooltips of a row's Stop, Start, Save, Edit and Remove buttons. */
export function forwardRowButtons(forward: string): ForwardRowButtons {
  return {
    stop: { label: `Stop forward ${forward}`, title: 'Stop this forward: its local port closes, the row stays to start it again' },
    start: { label: `Start forward ${forward}`, title: 'Start this forward again' },
    save: { label: `Save forward ${forward}`, title: 'Keep this forward to start it again later' },
    saved: { label: `Saved forward ${forward}`, title: 'Saved: Porthole keeps this forward to start it again later. Press to forget it (the row stays)' },
    edit: { label: `Edit forward ${forward}`, title: 'Edit this forward: target, ports, name (a running forward restarts on them)' },
    remove: { label: `Remove forward ${forward}`, title: 'Stop and remove this forward' },
  };
}

/** What the panel's live region says once a row's Save worked: the Saved list may be scrolled out of view. */
export function savedAnnouncement(forward: string): string {
  return `Saved forward ${forward}. It is kept, to start again later.`;
}

/** What the panel's live region says once a row's Saved was pressed again: the forward is no longer kept. */
export function forgotAnnouncement(forward: string): string {
  return `Forgot forward ${forward}. It is no longer saved; its row stays until removed.`;
}

/**
 * What the panel's live region says when a forward goes down (failed): which forward, then why and
 * what to do, as its row says. Named by its name, or by where it goes (the tree's names are the
 * panel's to know; the target's own id is enough to tell forwards apart by ear).
 */
export function failedAnnouncement(f: Pick<ForwardInfo, 'spec'>, error: PlainError | null): string {
  const t = f.spec.target;
  const host = f.spec.remoteHost ?? (t.kind === 'instance' ? t.instanceId : t.containerName);
  const forward = f.spec.name ? `“${f.spec.name}”` : `to ${host}:${f.spec.remotePort}`;
  const why = error === null ? '' : ` ${error.message}${error.nextStep ? ` ${error.nextStep}` : ''}`;
  return `Forward ${forward} failed.${why}`;
}
