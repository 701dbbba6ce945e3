// SSM targets name no region (`i-…`, `ecs:<cluster>_<task>_<runtimeId>`) and Session Manager is
// regional, as on AWS: a session started in region B for a target that exists only in region A is
// refused (TargetNotConnected; ECS Exec: ClusterNotFoundException), a same-named cluster and task
// in two regions are two targets (own folder, own port servers), and another region's sessions
// are not listed, resumed or terminated.
import { ECSClient, ExecuteCommandCommand } from '@aws-sdk/client-ecs';
import { DescribeSessionsCommand, ResumeSessionCommand, SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { runtimeIdFor } from '../world/arns.js';
import type { WorldFile } from '../world/schema.js';
import { parseWorld } from '../world/load.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const A = 'us-east-1';
const B = 'eu-west-1';
const SHARED_TASK = '0123456789abcdef0123456789abcdef';
const ONLY_A_TASK = 'abcdef0123456789abcdef0123456789';
const ONLY_A_INSTANCE = 'i-0aaaaaaaaaaaaaaa1';

/** Region `name` with a cluster `web` running SHARED_TASK, its port 8080 of `kind`; region A also has more. */
function region(name: string, kind: 'http' | 'echo', onlyA: boolean): unknown {
  return {
    name,
    taskDefinitions: [{ family: 'web', containers: [{ name: 'app', containerPorts: [8080] }] }],
    clusters: [
      { name: 'web', tasks: [{ id: SHARED_TASK, taskDefinition: 'web:1', containers: [{ name: 'app', ports: [{ port: 8080, kind }] }] }] },
      ...(onlyA ? [{ name: 'only-a', tasks: [{ id: ONLY_A_TASK, taskDefinition: 'web:1', containers: [{ name: 'app' }] }] }] : []),
    ],
    instances: onlyA ? [{ id: ONLY_A_INSTANCE, name: 'a-only' }] : [],
  };
}

const WORLD: WorldFile = parseWorld({ accounts: [{ id: '123456789012', regions: [region(A, 'http', true), region(B, 'echo', false)] }] });
const ecsTarget = (cluster: string, task: string) => `ecs:${cluster}_${task}_${runtimeIdFor(task, 'app')}`;
const port = { DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['8080'] } };

describe('targets and sessions across regions', () => {
  let sb: Sandbox;
  const ssm = new Map<string, SSMClient>();
  const ssmIn = (r: string): SSMClient => {
    let c = ssm.get(r);
    if (!c) ssm.set(r, (c = new SSMClient(clientConfig(sb, r))));
    return c;
  };
  beforeAll(async () => {
    sb = await apiSandbox({ world: WORLD });
  });
  afterAll(async () => {
    for (const c of ssm.values()) c.destroy();
    await sb.stop();
  });

  it('refuses in region B a target that exists only in region A, as AWS does a StartSession sent to the wrong region', async () => {
    await expect(ssmIn(B).send(new StartSessionCommand({ Target: ONLY_A_INSTANCE }))).rejects.toMatchObject({ name: 'TargetNotConnected', message: `${ONLY_A_INSTANCE} is not connected.` });
    await expect(ssmIn(B).send(new StartSessionCommand({ Target: ecsTarget('only-a', ONLY_A_TASK), ...port }))).rejects.toMatchObject({ name: 'TargetNotConnected' });
    const ecsB = new ECSClient(clientConfig(sb, B));
    try {
      await expect(ecsB.send(new ExecuteCommandCommand({ cluster: 'only-a', task: ONLY_A_TASK, command: '/bin/sh', interactive: true }))).rejects.toMatchObject({ name: 'ClusterNotFoundException' });
    } finally {
      ecsB.destroy();
    }
    // In its own region the same target takes a session.
    expect((await ssmIn(A).send(new StartSessionCommand({ Target: ONLY_A_INSTANCE }))).SessionId).toBeTruthy();
    expect((await ssmIn(A).send(new StartSessionCommand({ Target: ecsTarget('only-a', ONLY_A_TASK) }))).SessionId).toBeTruthy();
  });

  it('keeps a same-named cluster and task of two regions apart: each its own folder and its own port 8080', async () => {
    const target = ecsTarget('web', SHARED_TASK);
    const inA = await ssmIn(A).send(new StartSessionCommand({ Target: target, ...port }));
    const inB = await ssmIn(B).send(new StartSessionCommand({ Target: target, ...port }));
    const [a, b] = [sb.registry.get(inA.SessionId ?? ''), sb.registry.get(inB.SessionId ?? '')];
    expect(a?.target).toBe(b?.target);
    expect(a?.workdir).not.toBe(b?.workdir);
    const dialA = a?.kind.type === 'Port' ? a.kind.dial : undefined;
    const dialB = b?.kind.type === 'Port' ? b.kind.dial : undefined;
    expect(dialA && dialB && dialA.port !== dialB.port).toBe(true);
    // Region A's port is its HTTP server; region B's (an echo port) is not that server.
    expect(await (await fetch(`http://${dialA?.host}:${dialA?.port}/`)).text()).toBe(`hello from app/${SHARED_TASK} port 8080\n`);
  });

  it("lists, resumes and terminates only the request's region's sessions", async () => {
    const target = ecsTarget('web', SHARED_TASK);
    const inA = (await ssmIn(A).send(new StartSessionCommand({ Target: target, ...port }))).SessionId ?? '';
    const inB = (await ssmIn(B).send(new StartSessionCommand({ Target: target, ...port }))).SessionId ?? '';
    const listed = async (r: string) => ((await ssmIn(r).send(new DescribeSessionsCommand({ State: 'Active' }))).Sessions ?? []).map((s) => s.SessionId);
    expect(await listed(B)).toContain(inB);
    expect(await listed(B)).not.toContain(inA);
    expect(await listed(A)).toContain(inA);
    await expect(ssmIn(B).send(new ResumeSessionCommand({ SessionId: inA }))).rejects.toMatchObject({ name: 'DoesNotExistException' });
    // TerminateSession in the wrong region answers as for any unknown session, and the session runs on.
    expect((await ssmIn(B).send(new TerminateSessionCommand({ SessionId: inA }))).SessionId).toBe(inA);
    expect(sb.registry.get(inA)?.state).toBe('Pending');
    await ssmIn(A).send(new TerminateSessionCommand({ SessionId: inA }));
    expect(sb.registry.get(inA)?.state).toBe('Terminated');
    expect(sb.registry.get(inB)?.state).toBe('Pending');
  });
});
