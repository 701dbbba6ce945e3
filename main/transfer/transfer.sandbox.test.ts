// Transfers against the sandbox's real ptys, checked on both ends (the sandbox's "remote" file
// system is this machine's): exact bytes, SHA-256 equal, nothing partial left behind.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/ssm/sandbox-harness.js';
import { TransferError } from './errors.js';
import { listing, roundTrip, sha256, startDownload, startUpload, tempDir } from '../../testing/transfer/transfer-harness.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = await tempDir();
  await mkdir(join(dir, 'remote'));
});
afterAll(async () => { await h.stop(); });

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
/** Every line ending, control bytes a tty would act on in cooked mode, and a long run of each. */
const LINE_ENDINGS = Buffer.concat([
  Buffer.from('unix\nwindows\r\nold mac\rreversed\n\rdouble\r\r\nnul\0eof\x04intr\x03susp\x1astop\x13start\x11del\x7fesc\x1b[0m'),
  Buffer.alloc(3000, '\r\n'), Buffer.alloc(3001, '\r'), Buffer.alloc(2999, '\n'), ALL_BYTES,
]);

describe('transfer round trips through a real pty', () => {
  for (const [name, bytes] of [['empty', new Uint8Array(0)], ['one-byte', Uint8Array.of(0x0a)], ['all-bytes', ALL_BYTES], ['line-endings', LINE_ENDINGS]] as const) {
    for (const compress of [true, false]) {
      it(`${name} (${bytes.length} bytes, ${compress ? 'gzip' : 'plain'}) arrives identical both ways`, async () => {
        const file = `${name}-${compress ? 'z' : 'p'}.bin`;
        const { up, down, back } = await roundTrip(h, dir, file, bytes, compress);
        expect(up.compressed).toBe(compress);
        expect(up.bytes).toBe(bytes.length);
        expect(up.sha256).toBe(sha256(bytes));
        expect(sha256(await readFile(join(dir, 'remote', file)))).toBe(sha256(bytes));
        expect(down.sha256).toBe(sha256(bytes));
        expect(Buffer.compare(back, Buffer.from(bytes))).toBe(0);
      });
    }
  }

  it('a path with spaces, quotes and non-ASCII names works both ways', async () => {
    const odd = join(dir, 'remote', "dir with spaces/Ünïcødé 'quoted' $HOME `x`");
    await mkdir(odd, { recursive: true });
    const bytes = randomBytes(10_000);
    const src = join(dir, 'odd source ✓.bin');
    await writeFile(src, bytes);
    const up = await (await startUpload(h, src, `${odd}/файл №1.bin`)).done;
    expect(up.remotePath).toBe(`${odd}/файл №1.bin`);
    expect(sha256(await readFile(`${odd}/файл №1.bin`))).toBe(sha256(bytes));
    // A folder destination gets the source's own name, as cp does.
    const intoFolder = await (await startUpload(h, src, odd)).done;
    expect(intoFolder.remotePath).toBe(`${odd}/odd source ✓.bin`);
    const down = await startDownload(h, `${odd}/файл №1.bin`, join(dir, 'back ✓ é.bin')).done;
    expect(down.localPath).toBe(join(dir, 'back ✓ é.bin'));
    expect(sha256(await readFile(join(dir, 'back ✓ é.bin')))).toBe(sha256(bytes));
    expect((await listing(odd)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('works when the login shell is bash, whose readline would undo raw mode at each prompt', async () => {
    const bash = await startHarness({ shell: '/bin/bash' });
    try {
      const lines = Array.from({ length: 20_000 }, (_, i) => `2026-12-05T21:30:00Z INFO request id=${(i * 7919).toString(16)} status=200\n`).join('');
      const src = join(dir, 'bash-log.txt');
      await writeFile(src, lines);
      for (const compress of [true, false]) {
        const remote = join(dir, 'remote', `bash-log-${compress}.txt`);
        const up = await (await startUpload(bash, src, remote, { compress })).done;
        expect(up.compressed).toBe(compress);
        expect(await readFile(remote, 'utf8')).toBe(lines);
        const down = await startDownload(bash, remote, join(dir, `bash-back-${compress}.txt`), { compress }).done;
        expect(down.sha256).toBe(sha256(Buffer.from(lines)));
      }
    } finally {
      await bash.stop();
    }
  }, 120_000);

  it('a missing remote file is named as such and nothing is created locally', async () => {
    const t = startDownload(h, join(dir, 'remote', 'nope.bin'), join(dir, 'nope.bin'));
    const err = await t.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransferError);
    expect((err as TransferError).kind).toBe('no-such-file');
    expect((err as TransferError).message).toMatch(/nope\.bin does not exist/);
    expect((await listing(dir)).filter((n) => n.includes('nope'))).toEqual([]);
  });

  it('an upload into a missing folder says so and leaves nothing', async () => {
    const src = join(dir, 'small.bin');
    await writeFile(src, 'hello');
    const err = await (await startUpload(h, src, join(dir, 'remote', 'missing-dir', 'x.bin'))).done.catch((e: unknown) => e);
    expect((err as TransferError).message).toMatch(/No such file or directory|Directory nonexistent/);
    expect((err as TransferError).kind).toBe('no-such-file');
  });

  it('an upload into a missing folder given with a trailing / names the file meant, not the hidden temporary one', async () => {
    const src = join(dir, 'small.bin');
    await writeFile(src, 'hello');
    const missing = join(dir, 'remote', 'missing-folder');
    const err = await (await startUpload(h, src, `${missing}/`)).done.catch((e: unknown) => e);
    expect((err as TransferError).kind).toBe('no-such-file');
    expect((err as TransferError).message).toContain(`${missing}/small.bin: `);
    expect((err as TransferError).message).not.toMatch(/porthole-part|eval/);
  });
});

describe('a path starting with ~ is the remote home, as scp reads it', () => {
  it('uploads to ~/ and ~/name, downloads ~/name and the folder ~/sub back', async () => {
    const bytes = randomBytes(5000);
    const src = join(dir, 'tilde source.bin');
    await writeFile(src, bytes);
    const named = await (await startUpload(h, src, '~/tilde named ✓.bin')).done;
    // The remote shell expanded it: the outcome names the real place, which is this machine's in the sandbox.
    expect(named.remotePath).toMatch(/^\/.+\/tilde named ✓\.bin$/);
    expect(sha256(await readFile(named.remotePath))).toBe(sha256(bytes));
    const home = named.remotePath.slice(0, -'/tilde named ✓.bin'.length);
    const intoHome = await (await startUpload(h, src, '~/')).done;
    expect(intoHome.remotePath).toBe(`${home}/tilde source.bin`);
    const back = await startDownload(h, '~/tilde named ✓.bin', join(dir, 'tilde back.bin')).done;
    expect(sha256(await readFile(join(dir, 'tilde back.bin')))).toBe(sha256(bytes));
    expect(back.sha256).toBe(sha256(bytes));
    await mkdir(join(home, 'tilde sub'), { recursive: true });
    await writeFile(join(home, 'tilde sub', 'inner.txt'), 'inner');
    await startDownload(h, '~/tilde sub', join(dir, 'tilde-folder-back')).done;
    expect(await readFile(join(dir, 'tilde-folder-back', 'inner.txt'), 'utf8')).toBe('inner');
  });
});

describe('folders go as tar', () => {
  it('uploads a folder into a remote folder and downloads it back, every file identical', async () => {
    const tree = join(dir, 'tree src');
    await mkdir(join(tree, 'sub dir'), { recursive: true });
    const files: Record<string, Buffer> = { 'a.txt': Buffer.from('alpha\n'), 'sub dir/b.bin': randomBytes(200_000), 'sub dir/ü.txt': Buffer.from('ü\r\n') };
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(tree, name), bytes);
    const into = join(dir, 'remote', 'folders');
    await mkdir(into);
    const up = await (await startUpload(h, tree, `${into}/`)).done;
    expect(up.directory).toBe(true);
    expect(up.remotePath).toBe(`${into}/tree src`);
    for (const [name, bytes] of Object.entries(files)) expect(sha256(await readFile(join(into, 'tree src', name)))).toBe(sha256(bytes));
    expect((await listing(into)).filter((n) => n.startsWith('.'))).toEqual([]);
    const backDir = join(dir, 'folders-back');
    await mkdir(backDir);
    const down = await startDownload(h, `${into}/tree src`, backDir).done;
    expect(down.directory).toBe(true);
    expect(down.localPath).toBe(join(backDir, 'tree src'));
    for (const [name, bytes] of Object.entries(files)) expect(sha256(await readFile(join(backDir, 'tree src', name)))).toBe(sha256(bytes));
    expect(await listing(backDir)).toEqual(['tree src']);
  }, 120_000);

  it('refuses to replace a folder of the same name on the target (and leaves it as it was)', async () => {
    const tree = join(dir, 'tree two');
    await mkdir(tree);
    await writeFile(join(tree, 'x'), 'new');
    const into = join(dir, 'remote', 'folders-two');
    await mkdir(join(into, 'tree two'), { recursive: true });
    await writeFile(join(into, 'tree two', 'x'), 'old');
    const err = await (await startUpload(h, tree, `${into}/`)).done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransferError);
    expect((err as TransferError).message).toMatch(/tree two: File exists/);
    expect(await readFile(join(into, 'tree two', 'x'), 'utf8')).toBe('old');
    expect(await listing(into)).toEqual(['tree two']);
  });
});
