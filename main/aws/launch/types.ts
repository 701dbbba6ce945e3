/** What a launch returns: everything the data-channel engine needs, and nothing secret about the profile. */

export type LaunchKind = 'ecs-exec' | 'instance-shell' | 'port-forward' | 'port-forward-remote' | 'ssh';

export interface LaunchResult {
  readonly kind: LaunchKind;
  readonly profile: string;
  readonly region: string;
  /** From StartSession / ExecuteCommand; the engine dials `streamUrl` verbatim (protocol §3.1). */
  readonly sessionId: string;
  readonly streamUrl: string;
  readonly tokenValue: string;
  /** The SSM target: `i-…`/`mi-…`, or `ecs:<clusterName>_<taskId>_<runtimeId>` (protocol §10). */
  readonly target: string;
  /** The session document (absent for ECS Exec, which names none). */
  readonly documentName: string | null;
  /** The command an ECS Exec session runs. */
  readonly command: string | null;
}

/** A container to exec into or forward to. `runtimeId` is looked up when not known yet. */
export interface EcsContainerTarget {
  readonly kind: 'ecs-container';
  readonly region?: string;
  /** Cluster name or ARN. */
  readonly cluster: string;
  readonly taskArn: string;
  readonly containerName: string;
  readonly runtimeId?: string | null;
}

export interface InstanceTarget {
  readonly kind: 'instance';
  readonly region?: string;
  readonly instanceId: string;
}

export type LaunchTarget = EcsContainerTarget | InstanceTarget;

export interface PortForwardRequest {
  /** Port on the target (or on `remoteHost` when given). */
  readonly remotePort: number;
  /** Local port the user asked for; 0/absent = the client picks one (passed as the document's localPortNumber). */
  readonly localPort?: number;
  /** Forward to this host as seen from the target (AWS-StartPortForwardingSessionToRemoteHost). */
  readonly remoteHost?: string;
}

/** The AWS-managed Session Manager documents for port sessions (protocol §8.1). */
export const PORT_DOCUMENTS = {
  LOCAL: 'AWS-StartPortForwardingSession',
  REMOTE_HOST: 'AWS-StartPortForwardingSessionToRemoteHost',
  SSH: 'AWS-StartSSHSession',
} as const;

/** Port the SSH document forwards to when the user names none. */
export const DEFAULT_SSH_PORT = 22;
