/**
 * Everything Porthole asks of AWS: profiles and credentials (assume-role, MFA, SSO), one client
 * set per profile and region with adaptive retry, discovery of ECS tasks and SSM-managed EC2
 * instances into the lazy inventory tree, launching shell, port and SSH sessions
 * (ExecuteCommand / StartSession), and the diagnostics that explain why a target cannot open a
 * session. The services in main/ipc need only AwsService; the rest serves the session managers
 * and the CLI.
 */
export { AwsService, contractProfile, type AwsServiceOptions, type LaunchedSession } from './aws-service.js';
export { AwsWorkspace, type WorkspaceOptions } from './workspace.js';
export { ProfileSession } from './profile-session.js';
export { loadProfiles, ENV_PROFILE_NAME, CHAIN_PROFILE_NAME, type ProfileInfo, type CredentialKind, type Env } from './profiles.js';
export type { MfaCodeProvider } from './credentials.js';
export { MfaPrompts, MFA_PROMPTS } from './mfa-prompts.js';
export { AwsError, type AwsErrorCode, type AwsErrorContext } from './errors.js';
export { toAwsError } from './error-map.js';
export { AWS_LIMITS, AWS_MINIMUMS } from './constants.js';
export { Inventory, type InventoryEvents, type InventoryOptions } from './inventory/inventory.js';
export { nodeId, parseNodeId } from './inventory/node-ids.js';
export type { FilterMatch } from './inventory/node-index.js';
export { execCommand, startInstanceShell, startPortForward, startSshSession, terminateSession, resumeSessionFn, kmsClientFor, ecsTarget } from './launch/launch.js';
export { portSessionStarter, startedSession } from './launch/engine-adapters.js';
export { PORT_DOCUMENTS, type LaunchResult, type LaunchTarget, type EcsContainerTarget, type InstanceTarget, type PortForwardRequest } from './launch/types.js';
export { diagnoseEcs, diagnoseInstance } from './diagnostics/gather.js';
export type { Check } from './diagnostics/types.js';
