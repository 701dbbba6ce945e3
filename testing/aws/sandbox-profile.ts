/** Test helper: a sandbox (API only) and an open session of its profile, closed together. */
import { SANDBOX, startSandbox, type Sandbox, type SandboxOptions } from '../../main/sandbox/index.js';
import type { ProfileSession } from '../../main/aws/profile-session.js';
import { AwsWorkspace, type WorkspaceOptions } from '../../main/aws/workspace.js';

export interface SandboxProfile {
  readonly sandbox: Sandbox;
  readonly workspace: AwsWorkspace;
  /** The sandbox's `porthole-sandbox` profile, opened. */
  readonly session: ProfileSession;
  close(): Promise<void>;
}

export async function openSandboxProfile(opts: { sandbox?: SandboxOptions; workspace?: Omit<WorkspaceOptions, 'env'> } = {}): Promise<SandboxProfile> {
  // API only: these tests never open data channels.
  const sandbox = await startSandbox({ gateway: null, ...opts.sandbox });
  const workspace = new AwsWorkspace({ env: sandbox.awsEnv, ...opts.workspace });
  const session = await workspace.open(SANDBOX.profile);
  return {
    sandbox,
    workspace,
    session,
    async close() {
      workspace.closeAll();
      await sandbox.stop();
    },
  };
}
