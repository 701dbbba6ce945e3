// Diagnostics over the sandbox's demo world: each deliberately broken target names its own cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { execCommand } from '../launch/launch.js';
import type { ProfileSession } from '../profile-session.js';
import { openSandboxProfile, type SandboxProfile } from '../../../testing/aws/sandbox-profile.js';
import { diagnoseEcs, diagnoseInstance } from './gather.js';
import type { Check } from './types.js';
import { enableExecCommand } from '../../../shared/messages/aws-advice.js';

let sb: SandboxProfile;
let session: ProfileSession;
const task = (suffix: string, cluster = 'demo-workers') => `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/5e1f4a2b9c3d4e5f6a7b8c9d0e1f${suffix}`;
const failing = (checks: Check[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);
const warning = (checks: Check[]) => checks.filter((c) => c.status === 'warn').map((c) => c.id);
const check = (checks: Check[], id: string) => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

beforeAll(async () => {
  sb = await openSandboxProfile();
  session = sb.session;
});
afterAll(() => sb.close());

describe('ECS diagnostics', () => {
  it('passes a healthy container on every check', async () => {
    const checks = await diagnoseEcs(session, { cluster: 'demo-web', taskArn: task('0001', 'demo-web'), containerName: 'app' });
    expect(failing(checks)).toEqual([]);
    expect(warning(checks)).toEqual([]);
    expect(check(checks, 'credentials').cause).toBe('Signed in as arn:aws:iam::123456789012:user/porthole-dev.');
    expect(checks.map((c) => c.id)).toEqual(['credentials', 'task-running', 'exec-enabled', 'platform-version', 'container-running', 'exec-agent', 'readonly-root-fs', 'task-role', 'task-role-permissions', 'kms-encryption']);
    expect(check(checks, 'task-role-permissions').cause).toBe('The task role is allowed the four ssmmessages actions ECS Exec needs (policy conditions are not simulated).');
  });

  it.each([
    ['0011', 'worker', ['exec-enabled', 'exec-agent']],
    ['0012', 'worker', ['exec-agent']],
    ['0013', 'worker', ['task-running', 'container-running', 'exec-agent']],
    ['0014', 'hardened', ['readonly-root-fs']],
    ['0015', 'worker', ['platform-version', 'exec-agent']],
    ['0017', 'reporter', ['task-role-permissions']],
    ['0018', 'batch', ['ecs-agent-version', 'exec-agent']],
  ])('names the cause for broken task %s', async (suffix, container, causes) => {
    const checks = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task(suffix), containerName: container });
    expect(failing(checks)).toEqual(causes);
    for (const c of checks.filter((x) => x.status !== 'ok')) expect(c.nextStep.length).toBeGreaterThan(10);
    // The reader is in Diagnose already: no check sends them back to it.
    for (const c of checks) expect(c.nextStep).not.toMatch(/run diagnose/i);
  });

  it('explains the particulars: agent reason, platform version, writable paths', async () => {
    const agent = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0012'), containerName: 'worker' });
    expect(check(agent, 'exec-agent').cause).toBe('The ECS Exec agent is stopped: ExecuteCommandAgent exited: failed to register with the SSM service');
    expect(check(agent, 'exec-agent').nextStep).toBe('Usually the task role lacks ssmmessages permissions or there is no network path to ssmmessages.');
    const old = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0015'), containerName: 'worker' });
    expect(check(old, 'platform-version').cause).toBe('Platform version 1.3.0 is older than 1.4.0, the first that supports ECS Exec.');
    // The command to run, with this task's own cluster (a standalone task: no service to update).
    const off = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0011'), containerName: 'worker' });
    expect(check(off, 'exec-enabled').nextStep).toBe(enableExecCommand('demo-workers', null));
    expect(check(off, 'exec-enabled').nextStep).toContain('aws ecs run-task --cluster demo-workers --enable-execute-command');
    // The agent check gives the same fix in the same words (the panel then says "Same fix as under").
    expect(check(off, 'exec-agent').nextStep).toBe(check(off, 'exec-enabled').nextStep);
    const ro = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0014'), containerName: 'hardened' });
    expect(check(ro, 'readonly-root-fs').nextStep).toContain('/managed-agents, /var/lib/amazon/ssm, /var/log/amazon/ssm');
  });

  it('reads the ECS agent version of an EC2 task from its container instance', async () => {
    const current = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0016'), containerName: 'batch' });
    expect(failing(current)).toEqual([]);
    expect(warning(current)).toEqual([]);
    expect(check(current, 'ecs-agent-version').cause).toBe('ECS agent 1.88.0 supports ECS Exec.');
    const old = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0018'), containerName: 'batch' });
    expect(check(old, 'ecs-agent-version').cause).toBe('ECS agent 1.48.1 is older than 1.50.2.');
  });

  it('names the ssmmessages actions a task role lacks, and the error they cause', async () => {
    const ref = { cluster: 'demo-workers', taskArn: task('0017'), containerName: 'reporter' };
    const err = await execCommand(session, { kind: 'ecs-container', ...ref }).catch((e: unknown) => e);
    const checks = await diagnoseEcs(session, ref, err);
    expect(check(checks, 'last-error').cause).toBe('The container is not connected to Session Manager, so no session could start.');
    expect(check(checks, 'task-role-permissions')).toMatchObject({
      status: 'fail',
      cause: 'The task role may not call ssmmessages:CreateDataChannel, ssmmessages:OpenDataChannel, so the exec agent cannot open its channels (TargetNotConnectedException).',
      nextStep: 'Allow ssmmessages:CreateDataChannel, ssmmessages:OpenDataChannel in a policy on arn:aws:iam::123456789012:role/reporter-task, then start a new task.',
    });
  });

  it('mentions the KMS key of an encrypted cluster', async () => {
    const checks = await diagnoseEcs(session, { cluster: 'demo-secure', taskArn: task('0020', 'demo-secure'), containerName: 'worker' });
    expect(check(checks, 'kms-encryption').cause).toMatch(/encrypted with KMS key .*porthole-sandbox.*kms:GenerateDataKey/);
  });

  it('puts the error the user met first, explained', async () => {
    const err = await execCommand(session, { kind: 'ecs-container', cluster: 'demo-workers', taskArn: task('0014'), containerName: 'hardened' }).catch((e: unknown) => e);
    const checks = await diagnoseEcs(session, { cluster: 'demo-workers', taskArn: task('0014'), containerName: 'hardened' }, err);
    expect(checks[0]).toMatchObject({ id: 'last-error', status: 'fail', cause: 'The container is not connected to Session Manager, so no session could start.' });
  });

  it('reports expired credentials as the cause, with every other line marked unreadable', async () => {
    const expired = await sb.workspace.open(SANDBOX.expiredProfile);
    const checks = await diagnoseEcs(expired, { cluster: 'demo-web', taskArn: task('0001', 'demo-web'), containerName: 'app' });
    expect(check(checks, 'credentials')).toMatchObject({ status: 'fail', cause: `The credentials of profile "${SANDBOX.expiredProfile}" have expired.` });
    expect(check(checks, 'task-running').cause).toMatch(/^Could not check: The credentials/);
  });
});

describe('instance diagnostics', () => {
  it('passes a healthy instance', async () => {
    const checks = await diagnoseInstance(session, { instanceId: 'i-0a1b2c3d4e5f60001' });
    expect(checks.map((c) => [c.id, c.status])).toEqual([['credentials', 'ok'], ['instance-state', 'ok'], ['ssm-registered', 'ok'], ['ping-status', 'ok'], ['agent-version', 'ok']]);
  });

  it('names ConnectionLost and an old agent', async () => {
    const lost = await diagnoseInstance(session, { instanceId: 'i-0a1b2c3d4e5f60004' });
    expect(failing(lost)).toEqual(['ping-status']);
    const legacy = await diagnoseInstance(session, { instanceId: 'i-0a1b2c3d4e5f60003' });
    expect(warning(legacy)).toEqual(['agent-version']);
    expect(check(legacy, 'agent-version').cause).toContain('3.0.161.0 forwards only one connection at a time');
  });

  it('says when Session Manager does not know an instance', async () => {
    const checks = await diagnoseInstance(session, { instanceId: 'i-0fffffffffffffff0' });
    expect(failing(checks)).toEqual(['ssm-registered']);
  });
});
