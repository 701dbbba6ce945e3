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

/** A forward that stopped on an error the call gave no advice for. */
export const FORWARD_FAILED_NEXT_STEP = 'Run diagnostics on the target, then start the forward again.';
/** Said after the call's own advice when the forward stopped. */
export const FORWARD_RESTART_AFTER = 'Then start the forward again.';
