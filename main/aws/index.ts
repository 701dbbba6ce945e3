/**
 * main/aws public surface. The IPC layer should need only AwsService; the rest is exported for the
 * session/forward managers and the CLI. The discovery benchmark lives in bench/aws/.
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
