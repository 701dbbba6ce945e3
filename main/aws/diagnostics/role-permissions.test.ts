// The IAM policy simulator of the sandbox (Query protocol, XML) read through the SDK, and the rule built on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import type { ProfileSession } from '../profile-session.js';
import { openSandboxProfile, type SandboxProfile } from '../../../testing/aws/sandbox-profile.js';
import { ecsChecks } from './ecs-rules.js';
import { simulateRole } from './role-permissions.js';
import type { EcsFacts } from './types.js';

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
let sb: SandboxProfile;
let session: ProfileSession;

beforeAll(async () => {
  sb = await openSandboxProfile();
  session = sb.session;
});
afterAll(() => sb.close());

describe('task role permissions', () => {
  it('lists the ssmmessages actions the simulator does not allow', async () => {
    expect(await simulateRole(session, 'us-east-1', role('web-task'))).toEqual({ roleArn: role('web-task'), denied: [] });
    expect(await simulateRole(session, 'us-east-1', role('api-task'))).toEqual({ roleArn: role('api-task'), denied: [] });
    expect((await simulateRole(session, 'us-east-1', role('reporter-task'))).denied).toEqual(['ssmmessages:CreateDataChannel', 'ssmmessages:OpenDataChannel']);
    // An explicit deny counts as denied too (the read-only role denies everything but reads).
    expect((await simulateRole(session, 'us-east-1', role('porthole-readonly'))).denied).toHaveLength(4);
  });

  it('surfaces an unknown role as the SDK error the diagnostics turn into a warning', async () => {
    await expect(simulateRole(session, 'us-east-1', role('ghost'))).rejects.toMatchObject({ name: 'NoSuchEntityException', message: 'The role with name ghost cannot be found.' });
  });

  it('fails the check naming the denied actions, and warns when it cannot be read', () => {
    const base: EcsFacts = {
      containerName: 'app',
      identity: { ok: true, value: 'me' },
      task: { ok: true, value: null },
      cluster: { ok: true, value: null },
    };
    const task = { arn: 't', id: 't', clusterArn: 'c', serviceName: null, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', execEnabled: true, taskDefinitionArn: null, containerInstanceArn: null, startedAt: null, stoppedReason: null, containers: [{ name: 'app', runtimeId: 'r', lastStatus: 'RUNNING', image: null, execAgent: { status: 'RUNNING', reason: null } }] };
    const denied = ecsChecks({ ...base, task: { ok: true, value: task }, rolePermissions: { ok: true, value: { roleArn: role('reporter-task'), denied: ['ssmmessages:OpenDataChannel'] } } });
    expect(denied.find((c) => c.id === 'task-role-permissions')).toMatchObject({ status: 'fail', cause: expect.stringContaining('may not call ssmmessages:OpenDataChannel') });
    const unread = ecsChecks({ ...base, task: { ok: true, value: task }, rolePermissions: { ok: false, error: new AwsError({ code: 'access-denied', sentence: 'AWS denied iam:SimulatePrincipalPolicy.', nextStep: 'x' }) } });
    expect(unread.find((c) => c.id === 'task-role-permissions')).toMatchObject({ status: 'warn', cause: "Could not check the task role's permissions: AWS denied iam:SimulatePrincipalPolicy." });
  });
});
