/**
 * boto3 (Python) against the sandbox through the profile it writes: the JSON and Query protocols
 * and a StartSession, all SigV4-verified; a foreign key is refused. boto3 comes from the `python3`
 * first on PATH or Debian's (`python3-boto3`, which .ci/run installs); without it this test fails
 * saying so. Debian's boto3 predates profile `endpoint_url`, so the endpoint is passed explicitly.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { apiSandbox } from '../../../testing/sandbox/api/test-helpers.js';

const run = promisify(execFile);
const PYTHONS = ['python3', '/usr/bin/python3'];
/** Python and boto3 start in a second or two; far more on a loaded 2-core box. */
const BOTO3_TIMEOUT_MS = 120_000;

const SCRIPT = `
import json, os, boto3, botocore
ep = os.environ['SANDBOX_ENDPOINT']
s = boto3.Session(profile_name=os.environ['SANDBOX_PROFILE'])
ecs, ec2, ssm = (s.client(n, endpoint_url=ep) for n in ('ecs', 'ec2', 'ssm'))
out = {
  'clusters': len(ecs.list_clusters()['clusterArns']),
  'instances': sum(len(r['Instances']) for r in ec2.describe_instances()['Reservations']),
}
started = ssm.start_session(Target='i-0a1b2c3d4e5f60002')
out['session'] = started['SessionId']
ssm.terminate_session(SessionId=started['SessionId'])
foreign = boto3.Session(aws_access_key_id='AKIAFOREIGNFOREIGN00', aws_secret_access_key='x' * 40, region_name=s.region_name).client('ecs', endpoint_url=ep)
try:
  foreign.list_clusters()
  out['foreign'] = 'accepted'
except botocore.exceptions.ClientError as e:
  out['foreign'] = e.response['Error']['Code']
print(json.dumps(out))
`;

async function pythonWithBoto3(): Promise<string | undefined> {
  for (const py of PYTHONS) {
    if (await run(py, ['-c', 'import boto3'], { timeout: BOTO3_TIMEOUT_MS }).then(() => true, () => false)) return py;
  }
  return undefined;
}

describe('boto3 against the sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await apiSandbox();
  });
  afterAll(() => sb.stop());

  it('lists, describes and starts a session through the written profile; a foreign key is refused', async () => {
    const py = await pythonWithBoto3();
    if (!py) throw new Error(`no python3 with boto3 (tried ${PYTHONS.join(', ')}): install Debian's python3-boto3`);
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const env = { ...clean, AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile, SANDBOX_ENDPOINT: sb.endpoint, SANDBOX_PROFILE: sb.profile };
    const { stdout } = await run(py, ['-c', SCRIPT], { env, timeout: BOTO3_TIMEOUT_MS });
    const out = JSON.parse(stdout) as { clusters: number; instances: number; session: string; foreign: string };
    expect(out).toMatchObject({ clusters: 3, foreign: 'UnrecognizedClientException' });
    expect(out.instances).toBeGreaterThan(0);
    expect(sb.registry.get(out.session)?.state).toBe('Terminated');
  }, BOTO3_TIMEOUT_MS * 2);
});
