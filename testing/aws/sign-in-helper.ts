// A profile whose credential_process stands in for a person signing in (a browser sign-in, a key
// touch): the helper says it started, then waits until the test "finishes the sign-in". Beside it,
// a role profile whose source is that helper. Shared by the tests of what the user sees meanwhile.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../main/sandbox/index.js';

/** The limit the helper profile gives itself, in seconds: far beyond any test, so only the test ends the wait. */
export const SIGN_IN_LIMIT_SECONDS = 300;

export interface SignInHelper {
  readonly sandbox: Sandbox;
  readonly dir: string;
  /** AWS files and HOME for an AwsService: profiles "signin" (the helper) and "work" (a role over it). */
  readonly env: Record<string, string>;
  /** Clears the previous test's marks: the next resolution waits again. */
  reset(): void;
  /** True once the helper has started. */
  started(): boolean;
  /** The person finishes the sign-in: the helper prints its keys. */
  finish(): void;
  stop(): Promise<void>;
}

/** `sandbox`: options for the sandbox behind the profiles (default: its API only, no gateway). */
export async function startSignInHelper(prefix: string, sandboxOptions: SandboxOptions = { gateway: null }): Promise<SignInHelper> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const startedMark = join(dir, 'started');
  const go = join(dir, 'go');
  const sandbox = await startSandbox(sandboxOptions);
  const helper = join(dir, 'sign-in.sh');
  const keys = `'{"Version":1,"AccessKeyId":"${sandbox.accessKeyId}","SecretAccessKey":"${sandbox.secretAccessKey}"}'`;
  writeFileSync(helper, `#!/bin/sh\ntouch ${startedMark}\nwhile [ ! -f ${go} ]; do sleep 0.05; done\necho ${keys}\n`);
  chmodSync(helper, 0o755);
  const region = `region = ${sandbox.region}\nendpoint_url = ${sandbox.endpoint}\n`;
  writeFileSync(join(dir, 'config'), `[profile signin]\ncredential_process = ${helper}\nporthole_credential_process_timeout = ${SIGN_IN_LIMIT_SECONDS}\n${region}\n[profile work]\nrole_arn = arn:aws:iam::123456789012:role/porthole-readonly\nsource_profile = signin\n${region}`);
  writeFileSync(join(dir, 'credentials'), '');
  return {
    sandbox,
    dir,
    env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir },
    reset: () => {
      rmSync(go, { force: true });
      rmSync(startedMark, { force: true });
    },
    started: () => existsSync(startedMark),
    finish: () => writeFileSync(go, ''),
    stop: async () => {
      writeFileSync(go, '');
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
