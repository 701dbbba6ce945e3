/**
 * What a port forward asks StartSession for (§8.1): the document, its string parameters, and the
 * target id (an instance, or `ecs:<cluster>_<taskId>_<runtimeId>` for a container, §10).
 */
import { PortDocument, type PortDocumentName } from './constants.js';

export type PortTarget =
  | { kind: 'instance'; instanceId: string }
  | { kind: 'ecs'; cluster: string; taskId: string; runtimeId: string };

export interface PortRequest {
  target: PortTarget;
  /** Port on the target itself, or on `remoteHost` when set. */
  remotePort: number;
  /** A host reached through the target (database, cache): uses the …ToRemoteHost document. */
  remoteHost?: string;
  /** AWS-StartSSHSession instead of a port-forwarding document. */
  ssh?: boolean;
}

export interface StartSessionInput {
  Target: string;
  DocumentName: PortDocumentName;
  Parameters: Record<string, string[]>;
}

/** `ecs:<clusterName>_<taskId>_<runtimeId>`; cluster and task may be given as ARNs (last segment used). */
export function targetId(target: PortTarget): string {
  if (target.kind === 'instance') return target.instanceId;
  const last = (s: string) => s.slice(s.lastIndexOf('/') + 1);
  return `ecs:${last(target.cluster)}_${last(target.taskId)}_${target.runtimeId}`;
}

export function startSessionInput(request: PortRequest): StartSessionInput {
  const portNumber = [String(request.remotePort)];
  if (request.ssh) {
    return { Target: targetId(request.target), DocumentName: PortDocument.Ssh, Parameters: { portNumber } };
  }
  // localPortNumber is informational for the agent; our listener is ours to choose (0 = any).
  const localPortNumber = ['0'];
  if (request.remoteHost) {
    return {
      Target: targetId(request.target),
      DocumentName: PortDocument.PortForwardingToRemoteHost,
      Parameters: { host: [request.remoteHost], portNumber, localPortNumber },
    };
  }
  return { Target: targetId(request.target), DocumentName: PortDocument.PortForwarding, Parameters: { portNumber, localPortNumber } };
}

/** How the session's bytes flow, from the handshake's Properties (§8.1 mode selection). */
export function isLocalPortForwarding(properties: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return properties?.['type'] === 'LocalPortForwarding';
}
