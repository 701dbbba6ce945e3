// The config check against the SDK's own reading: for each malformed input, loadProfiles (the
// SDK's loader) shows what is lost, and checkSharedFiles says so with the line, the profile and the fix.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigFindingSchema, MAX_CONFIG_FINDINGS } from '../../../shared/contract/inventory.js';
import { configFindingText } from '../../../shared/format/config-finding.js';
import { parseKnownFiles } from '@smithy/shared-ini-file-loader';
import { processLimitMs } from '../credential-process-limit.js';
import { loadProfiles, type Env } from '../profiles.js';
import { checkSharedFiles } from './check-files.js';

const root = mkdtempSync(join(tmpdir(), 'porthole-config-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A home with ~/.aws/config (and credentials when given), and the env that points there. */
function home(config: string | null, credentials: string | null = null): Env {
  const dir = join(root, `home-${++n}`);
  mkdirSync(join(dir, '.aws'), { recursive: true });
  if (config !== null) writeFileSync(join(dir, '.aws', 'config'), config);
  if (credentials !== null) writeFileSync(join(dir, '.aws', 'credentials'), credentials);
  return { HOME: dir };
}

async function texts(env: Env): Promise<string[]> {
  return (await checkSharedFiles(env)).map(configFindingText);
}

async function profiles(env: Env): Promise<Record<string, string | null>> {
  const { profiles: list } = await loadProfiles(env);
  return Object.fromEntries(list.map((p) => [p.name, p.region]));
}

describe('config check', () => {
  it('finds nothing in a well-formed pair of files (comments, nested settings, sso-session, services)', async () => {
    const env = home(
      '# mine\n[default]\nregion = us-east-1\n\n[profile prod] ; the real one\nregion = eu-west-1 # Ireland\ns3 =\n  max_concurrent_requests = 20\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\n[services local]\necs =\n  endpoint_url = http://127.0.0.1:4566\n',
      '[prod]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n',
    );
    expect(await texts(env)).toEqual([]);
  });

  it("a header without ']': the profile is lost and the lines under it change the profile above", async () => {
    const env = home('[default]\nregion = us-east-1\n\n[profile prod\nregion = eu-west-1\n[profile ok]\nregion = us-west-2\n');
    expect(await profiles(env)).toEqual({ default: 'eu-west-1', ok: 'us-west-2' });
    expect(await texts(env)).toEqual([
      "~/.aws/config line 4: '[profile prod' has no closing ']'; profile prod is not listed, and 'region' under it (line 5) goes to profile default instead. Write '[profile prod]'.",
    ]);
  });

  it("a header without ']' at the top: its lines are ignored", async () => {
    const env = home('[profile prod\nregion = eu-west-1\noutput = json\n');
    expect(await profiles(env)).toEqual({});
    expect(await texts(env)).toEqual([
      "~/.aws/config line 1: '[profile prod' has no closing ']'; profile prod is not listed, and 'region' and 'output' under it (lines 2–3) are ignored. Write '[profile prod]'.",
    ]);
  });

  it("text after ']' (a comment without a space before it) breaks the header too", async () => {
    const env = home('[profile q]# mine\nregion = us-east-2\n');
    expect(await profiles(env)).toEqual({});
    expect(await texts(env)).toEqual([
      "~/.aws/config line 1: '[profile q]# mine' has text after its closing ']'; profile q is not listed, and 'region' under it (line 2) is ignored. Put a space before the comment, or write the header alone: '[profile q]'.",
    ]);
  });

  it("a line without '=' loses its setting, and a profile with no readable line is not listed at all", async () => {
    const env = home('[profile prod]\nregion eu-west-1\n[profile dev]\nregion = us-east-1\nrole_arn: arn:aws:iam::1:role/x\n= orphan\n');
    expect(await profiles(env)).toEqual({ dev: 'us-east-1' });
    expect(await texts(env)).toEqual([
      "~/.aws/config line 1: '[profile prod]' has no setting the AWS SDK can read under it; profile prod is not listed. Add its settings (region = …) under the header, or fix the lines flagged below it.",
      "~/.aws/config line 2: the line starting 'region' has no '='; it is ignored, so profile prod does not get 'region'. Write it as 'region = value'.",
      "~/.aws/config line 5: the line starting 'role_arn' has no '='; it is ignored, so profile dev does not get 'role_arn'. Write it as 'role_arn = value'.",
      "~/.aws/config line 6: the line starts with '=' and names no setting; it is ignored, so profile dev does not get it. Write the setting's name before '=', or remove the line.",
    ]);
  });

  it('never quotes what may be a secret: a line without = is named by its setting only', async () => {
    const env = home(null, '[prod]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key wJalrXUtnFEMI/K7MDENG\nwJalrXUtnFEMI/K7MDENG\n');
    const all = (await texts(env)).join('\n');
    expect(all).toContain("~/.aws/credentials line 3: the line starting 'aws_secret_access_key' has no '='");
    expect(all).toContain('~/.aws/credentials line 4: the line has no');
    expect(all).not.toContain('wJalr');
  });

  it("[prod] in the config file (which wants [profile prod]) is dropped, or read only from credentials", async () => {
    const env = home('[prod]\nregion = eu-west-1\n[staging]\nregion = us-east-1\n', '[staging]\naws_access_key_id = A\naws_secret_access_key = B\n');
    expect(await profiles(env)).toEqual({ staging: null });
    expect(await texts(env)).toEqual([
      "~/.aws/config line 1: '[prod]' is not how the config file names a profile; profile prod is not listed, and the setting under it is ignored. Write '[profile prod]': only [default] goes without 'profile ' in the config file.",
      "~/.aws/config line 3: '[staging]' is not how the config file names a profile; profile staging is listed, but without the setting under it. Write '[profile staging]': only [default] goes without 'profile ' in the config file.",
    ]);
  });

  it('a value on the line below its name (a nested-section line) is lost', async () => {
    const env = home('[profile prod]\nregion =\n  eu-west-1\noutput = json\nsso_region =\n');
    expect(await profiles(env)).toEqual({ prod: null });
    expect(await texts(env)).toEqual([
      "~/.aws/config line 2: 'region' has its value on the next line; the AWS SDK reads a value only on the line of its name, so profile prod has no 'region'. Put name and value on one line: 'region = …'.",
      "~/.aws/config line 5: 'sso_region' has no value after '='; the AWS SDK takes it for the start of nested settings and, with none under it, ignores it: profile prod has no 'sso_region'. Give it a value ('sso_region = …'), or remove the line.",
    ]);
  });

  it('an indented line continuing a value is not read', async () => {
    const env = home('[profile vault]\ncredential_process = /usr/local/bin/creds\n    --account prod\n');
    expect(await texts(env)).toEqual([
      "~/.aws/config line 3: this indented line continues 'credential_process' from line 2, but the AWS SDK does not read continued lines; profile vault gets only the first line of 'credential_process'. Put the whole value on line 2.",
    ]);
  });

  it('a profile written twice is merged, later lines winning; [default] with [profile default] keeps only the latter', async () => {
    const env = home('[default]\noutput = json\n[profile prod]\nregion = us-east-1\n[profile default]\nregion = us-west-1\n[profile prod]\nregion = eu-west-1\n');
    expect(await profiles(env)).toEqual({ default: 'us-west-1', prod: 'eu-west-1' });
    expect(await texts(env)).toEqual([
      "~/.aws/config line 1: '[default]' and '[profile default]' (line 5) both define profile default; the AWS SDK reads only '[profile default]', so the setting under '[default]' is ignored. Move them under one of the two headers and remove the other.",
      "~/.aws/config line 7: '[profile prod]' appears a second time (first at line 3); the two are read as one profile prod, a setting set in both taking this section's value. Keep one '[profile prod]' section with all its settings.",
      "~/.aws/config line 8: 'region' is set a second time in profile prod (first at line 4); the value on this line wins. Remove the line you do not mean.",
    ]);
  });

  it('profile names the SDK does not accept, and kinds of section it does not know, are dropped', async () => {
    const env = home('[profile  prod]\nregion = a-b-1\n[profile my prod]\nregion = a-b-1\n[Profile cap]\nregion = a-b-1\n[sso_session corp]\nsso_region = us-east-1\n[profile ok]\nregion = us-east-1\n');
    expect(await profiles(env)).toEqual({ ok: 'us-east-1' });
    expect(await texts(env)).toEqual([
      "~/.aws/config line 1: '[profile  prod]' has extra spaces inside the brackets; profile prod is not listed, and the setting under it is ignored. Write '[profile prod]'.",
      "~/.aws/config line 3: the profile name 'my prod' in '[profile my prod]' has characters the AWS SDK does not accept; profile 'my prod' is not listed, and the setting under it is ignored. Use only letters, digits and - _ @ + . % : / in a profile name, e.g. '[profile my-prod]'.",
      "~/.aws/config line 5: 'Profile' in '[Profile cap]' is not a kind of section the AWS SDK reads (profile, sso-session, services); profile cap is not listed, and the setting under it is ignored. Write '[profile cap]'.",
      "~/.aws/config line 7: 'sso_session' in '[sso_session corp]' is not a kind of section the AWS SDK reads (profile, sso-session, services); the setting under it is ignored. Write '[sso-session corp]'.",
    ]);
  });

  it('the credentials file: [profile prod] becomes a profile named profile.prod, and capitals hide a key', async () => {
    const env = home(null, '[profile prod]\naws_access_key_id = A\n[dev]\nAWS_ACCESS_KEY_ID = A\n');
    expect(Object.keys(await profiles(env))).toEqual(['dev', 'profile.prod']);
    expect(await texts(env)).toEqual([
      "~/.aws/credentials line 1: '[profile prod]': the credentials file names profiles without 'profile '; it is listed as a separate profile named 'profile.prod', not as 'prod'. Write '[prod]'.",
      "~/.aws/credentials line 4: 'AWS_ACCESS_KEY_ID' is written in capitals; setting names are read exactly as written, so profile dev has no aws_access_key_id. Write 'aws_access_key_id'.",
    ]);
  });

  it("a porthole_credential_process_timeout the credentials fetch would refuse is reported with its profile, line and range", async () => {
    const cmd = 'credential_process = /usr/local/bin/creds';
    const env = home(`[profile mins]\n${cmd}\nporthole_credential_process_timeout = 5m\n[profile short]\n${cmd}\nporthole_credential_process_timeout = 4\n[profile fine]\n${cmd}\nporthole_credential_process_timeout = 1800\n[profile fixed]\n${cmd}\nporthole_credential_process_timeout = 3000\nporthole_credential_process_timeout = 600\n`);
    const fix = (p: string) => `Write it as "porthole_credential_process_timeout = 300" (seconds) in profile "${p}" of ~/.aws/config, or remove it for the default of 120 s.`;
    const effect = (p: string) => `Porthole will not run the credential_process of profile ${p} (or of a role using it as source_profile) until it is fixed, so getting those credentials fails`;
    expect(await texts(env)).toEqual([
      `~/.aws/config line 3: 'porthole_credential_process_timeout' is not a whole number of seconds from 5 to 1800; ${effect('mins')}. ${fix('mins')}`,
      `~/.aws/config line 6: 'porthole_credential_process_timeout' is not a whole number of seconds from 5 to 1800; ${effect('short')}. ${fix('short')}`,
      "~/.aws/config line 13: 'porthole_credential_process_timeout' is set a second time in profile fixed (first at line 12); the value on this line wins. Remove the line you do not mean.",
    ]);
    expect((await checkSharedFiles(env)).map((f) => f.profile)).toEqual(['mins', 'short', 'fixed']);
    // The same rule refuses them when credentials are fetched.
    const parsed = await parseKnownFiles({ filepath: join(env.HOME ?? '', '.aws', 'credentials'), configFilepath: join(env.HOME ?? '', '.aws', 'config'), ignoreCache: true });
    const refused = ['mins', 'short', 'fine', 'fixed'].filter((p) => {
      try {
        processLimitMs(p, parsed[p], 1);
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toEqual(['mins', 'short']);
  });

  it('a name the SDK refuses loses the whole file', async () => {
    const env = home('[profile ok]\nregion = us-east-1\n[profile __proto__]\nregion = us-east-1\n');
    expect(await profiles(env)).toEqual({});
    expect(await texts(env)).toEqual([
      "~/.aws/config line 3: '[profile __proto__]' uses a name the AWS SDK refuses; it stops reading the file there, so no profile in ~/.aws/config is listed. Rename that section.",
    ]);
  });

  it('a folder where the file should be, and a file that cannot be read; a missing file is normal', async () => {
    const env = home(null, '[ok]\naws_access_key_id = A\n');
    mkdirSync(join(env.HOME ?? '', '.aws', 'config'));
    expect(await texts(env)).toEqual(["~/.aws/config: this is a folder, not a file; no profile from the config file is listed. Move the folder away and put the config file at this path."]);
    // Root reads any file, so the permission error is the read's own.
    const denied = await checkSharedFiles(home('[default]\n'), async () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })));
    expect(denied.map(configFindingText)).toEqual([
      '~/.aws/config: the file cannot be read (permission denied); no profile from the config file is listed. Make it yours and readable: chown "$USER" ~/.aws/config && chmod 600 ~/.aws/config.',
      '~/.aws/credentials: the file cannot be read (permission denied); no profile from the credentials file is listed. Make it yours and readable: chown "$USER" ~/.aws/credentials && chmod 600 ~/.aws/credentials.',
    ]);
    expect(await texts(home(null))).toEqual([]);
  });

  it('reads the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name, shown by their full path', async () => {
    const dir = join(root, 'elsewhere');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cfg'), '[profile prod\n');
    writeFileSync(join(dir, 'creds'), 'region = x\n');
    const env = { ...home('[profile fine]\nregion = us-east-1\n'), AWS_CONFIG_FILE: join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'creds') };
    expect(await texts(env)).toEqual([
      `${join(dir, 'cfg')} line 1: '[profile prod' has no closing ']'; profile prod is not listed. Write '[profile prod]'.`,
      `${join(dir, 'creds')} line 1: this line comes before any [section] header; it belongs to no profile and is ignored. Move it under the header of the profile it is meant for.`,
    ]);
  });

  it('keeps every finding within the contract, even for a header or a name thousands of characters long', async () => {
    const long = 'p'.repeat(10_000);
    const env = home(`[profile ${long}\nregion = x\n[${long} x]\nregion = y\n[profile ${long}]\n`, `[profile ${long}]\naws_access_key_id = A\n`);
    const found = await checkSharedFiles(env);
    expect(found.map((f) => f.line)).toEqual([1, 3, 5, 1]);
    expect(() => ConfigFindingSchema.array().parse(found)).not.toThrow();
  });

  it(`sends at most ${MAX_CONFIG_FINDINGS} findings, the last saying how many more there are`, async () => {
    const env = home(`[profile p]\n${'broken line\n'.repeat(MAX_CONFIG_FINDINGS + 10)}region = x\n`);
    const found = await checkSharedFiles(env);
    expect(found).toHaveLength(MAX_CONFIG_FINDINGS);
    const last = found.at(-1);
    expect(last === undefined ? null : configFindingText(last)).toBe('~/.aws/config: 11 more problems are not shown; their lines are ignored too. Fix the ones above, then refresh.');
  });
});
