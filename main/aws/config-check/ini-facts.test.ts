// ini-facts.ts models the SDK's reader: on random files made of the pieces config files are made
// of (and broken with), the profiles it says are listed are exactly those the SDK's loader lists.
// An SDK upgrade that reads files differently fails here first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readIniFacts, type SharedFileKind } from './ini-facts.js';

/** Enough random files to meet each piece in many places, quick enough for every test run (each is a file write and read). */
const RUNS = 300;
const PIECES = ['[', ']', '[profile ', '[default]', '[]', '\n', '\n', '\r\n', ' ', '  ', '\t', '=', ' = ', '#', ' #', ';', 'prod', 'ok', 'Profile ', 'sso-session ', 'services ', '"', "'", '@', '!', '.', 'profile.', 'region', 's3', 'x=1', '__proto__'];

const dir = mkdtempSync(join(tmpdir(), 'porthole-ini-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sdkProfiles(kind: SharedFileKind, text: string): Promise<string[]> {
  const file = join(dir, kind);
  const none = join(dir, 'none');
  writeFileSync(file, text);
  const loaded = await loadSharedConfigFiles({ filepath: kind === 'credentials' ? file : none, configFilepath: kind === 'config' ? file : none, ignoreCache: true });
  const parsed = kind === 'config' ? loaded.configFile : loaded.credentialsFile;
  return Object.keys(parsed).filter((k) => !k.startsWith('sso-session.') && !k.startsWith('services.')).sort();
}

describe('ini facts', () => {
  it('lists exactly the profiles the SDK lists, on random well- and ill-formed files', async () => {
    const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom<SharedFileKind>('config', 'credentials'), async (t, kind) => {
        expect([...readIniFacts(kind, t).listed].sort()).toEqual(await sdkProfiles(kind, t));
      }),
      { numRuns: RUNS },
    );
  });

  it("a line starting with '[' that holds '=' is a setting to the SDK, not a broken header", async () => {
    const t = '[profile ok]\n[x = y\n';
    expect(await sdkProfiles('config', t)).toEqual(['ok']);
    expect(readIniFacts('config', t).facts.map((f) => f.kind)).toEqual(['header', 'setting']);
  });

  it('keeps no setting value in memory: secrets never, the limit only as valid or not', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const token = 'FwoGZXIvYXdzEXAMPLETOKEN';
    const t = `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${secret}\naws_session_token = ${token}\nporthole_credential_process_timeout = 9999\n[ok]\nporthole_credential_process_timeout = 300\n`;
    const facts = readIniFacts('credentials', t).facts;
    const text = JSON.stringify(facts);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(token);
    expect(text).not.toContain('AKIAEXAMPLE');
    expect(facts.flatMap((f) => (f.kind === 'setting' && f.limitOk !== undefined ? [[f.line, f.limitOk]] : []))).toEqual([[5, false], [7, true]]);
  });
});
