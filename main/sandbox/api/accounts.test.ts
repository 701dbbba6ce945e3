// Session Manager and ECS are per account as well as per region: two profiles may point at two
// accounts whose clusters, tasks and instances share names in the same region. Each account's
// sessions are its own (DescribeSessions lists, ResumeSession and TerminateSession reach, only
// the caller's account's), its targets have their own folders, and ECS StopTask in one account
// ends only that account's sessions on the same-named task.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { DescribeSessionsCommand, ResumeSessionCommand, SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { runtimeIdFor } from '../world/arns.js';
import { parseWorld } from '../world/load.js';
import type { WorldFile } from '../world/schema.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const REGION = 'us-east-1';
const TASK = '0123456789abcdef0123456789abcdef';
const INSTANCE = 'i-0aaaaaaaaaaaaaaa1';
/** Account B's key (any other key is account A's, the first). */
const KEY_B = 'AKIASECONDACCOUNT001';

/** One account with a cluster `web` running TASK and an instance INSTANCE, all named alike in both accounts. */
function account(id: string, keys: string[]): unknown {
  return {
    id,
    accessKeyIds: keys,
    regions: [{
      name: REGION,
      taskDefinitions: [{ family: 'web', containers: [{ name: 'app', containerPorts: [8080] }] }],
      clusters: [{ name: 'web', tasks: [{ id: TASK, taskDefinition: 'web:1', containers: [{ name: 'app', ports: [{ port: 8080, kind: 'http' }] }] }] }],
      instances: [{ id: INSTANCE, name: `host-${id}` }],
    }],
  };
}

const WORLD: WorldFile = parseWorld({ accounts: [account('111111111111', []), account('222222222222', [KEY_B])] });
const TARGET = `ecs:web_${TASK}_${runtimeIdFor(TASK, 'app')}`;
const port = { DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['8080'] } };

describe('sessions and targets across accounts in one region', () => {
  let sb: Sandbox;
  let ssmA: SSMClient;
  let ssmB: SSMClient;
  let ecsB: ECSClient;
  beforeAll(async () => {
    // A stop ends its task's sessions at once.
    sb = await apiSandbox({ world: WORLD, taskStopping: { deactivateMs: 0, containersExitMs: 0, deprovisionMs: 0 } });
    ssmA = new SSMClient(clientConfig(sb, REGION));
    ssmB = new SSMClient(clientConfig(sb, REGION, KEY_B));
    ecsB = new ECSClient(clientConfig(sb, REGION, KEY_B));
  });
  afterAll(async () => {
    for (const c of [ssmA, ssmB, ecsB]) c.destroy();
    await sb.stop();
  });

  const start = async (ssm: SSMClient, target: string, params = {}): Promise<string> => (await ssm.send(new StartSessionCommand({ Target: target, ...params }))).SessionId ?? '';
  const listed = async (ssm: SSMClient): Promise<string[]> => ((await ssm.send(new DescribeSessionsCommand({ State: 'Active' }))).Sessions ?? []).map((s) => s.SessionId ?? '');

  it("lists, resumes and terminates only the caller's account's sessions; each account's target has its own folder", async () => {
    const inA = await start(ssmA, INSTANCE);
    const inB = await start(ssmB, INSTANCE);
    expect(sb.registry.get(inA)?.workdir).not.toBe(sb.registry.get(inB)?.workdir);
    expect(await listed(ssmA)).toContain(inA);
    expect(await listed(ssmA)).not.toContain(inB);
    expect(await listed(ssmB)).toEqual([inB]);
    await expect(ssmB.send(new ResumeSessionCommand({ SessionId: inA }))).rejects.toMatchObject({ name: 'DoesNotExistException' });
    // Another account's TerminateSession answers as for any unknown session, and the session runs on.
    expect((await ssmB.send(new TerminateSessionCommand({ SessionId: inA }))).SessionId).toBe(inA);
    expect(sb.registry.get(inA)?.state).toBe('Pending');
    await ssmB.send(new TerminateSessionCommand({ SessionId: inB }));
    expect(sb.registry.get(inB)?.state).toBe('Terminated');
    expect(sb.registry.get(inA)?.state).toBe('Pending');
  });

  it("StopTask in one account ends that account's sessions on the task; the same-named task of the other account runs on with its own", async () => {
    const inA = await start(ssmA, TARGET, port);
    const inB = await start(ssmB, TARGET, port);
    await ecsB.send(new StopTaskCommand({ cluster: 'web', task: TASK }));
    expect(sb.registry.get(inB)?.state).toBe('Terminated');
    expect(sb.registry.get(inA)?.state).toBe('Pending');
    // Account A's task still takes sessions; account B's is stopped.
    expect(await start(ssmA, TARGET, port)).not.toBe('');
    await expect(start(ssmB, TARGET, port)).rejects.toMatchObject({ name: 'TargetNotConnected' });
  });
});
