// Loading saved forwards saved before a remote host with a port in it (db.internal:5432) was
// refused: they load with their problem said, beside the others, and the file is not set aside.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FORWARD_STORE, ForwardStore } from './forward-store.js';

let dataDir: string;
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const target = { kind: 'instance', profile: 'dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' } as const;
const base = { target, remotePort: 5432, localPort: 15432, bindAddress: '127.0.0.1', autoRestart: false } as const;

describe('ForwardStore loading an old saved forward whose remote host has a port in it', () => {
  it('lists it with a problem saying why it cannot start and what to do; the others and the file stay as they were', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'porthole-store-'));
    const file = join(dataDir, FORWARD_STORE.FILE);
    const good = { savedId: 'good', spec: { ...base, remoteHost: 'db.internal' }, savedAt: 1 };
    const pasted = { savedId: 'pasted', spec: { ...base, remoteHost: 'db.internal:5432', name: 'db' }, savedAt: 2 };
    const raw = JSON.stringify({ version: FORWARD_STORE.VERSION, saved: [good, pasted] });
    await writeFile(file, raw);
    const notices: string[] = [];
    const store = new ForwardStore(dataDir, (m) => notices.push(m));

    expect(await store.list()).toEqual([
      good,
      {
        ...pasted,
        problem: 'Cannot start: The remote host has a port in it (db.internal:5432): use db.internal as the remote host and 5432 as the remote port. Forget it and add it again that way.',
      },
    ]);
    expect(notices).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(raw);
    // Forgetting it works, and writes the rest without any problem text.
    expect(await store.delete('pasted')).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: FORWARD_STORE.VERSION, saved: [good] });
  });
});
