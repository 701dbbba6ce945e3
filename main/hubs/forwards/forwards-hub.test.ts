// Saved forwards through the hub over the sandbox: one store (ForwardManager's forwards.json),
// kept across runs with the contract spec intact, and the old saved-forwards.json moved into it.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ForwardSpecSchema, type ForwardInfo } from '../../../shared/contract/index.js';
import { ForwardStore } from '../../sessions/forwards/store.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../../testing/composition/sandbox-app.js';
import { eventually } from '../../../testing/composition/test-client.js';
import { ForwardsHub } from './forwards-hub.js';
import { LEGACY_SAVED_FILE, MIGRATED_SUFFIX } from './legacy-saved.js';
import { UNREADABLE_SUFFIX } from './restore-saved.js';
import { SAVED_DETAILS_FILE } from './saved-details.js';

let t: SandboxApp;
let dataDir: string;
const hubs: ForwardsHub[] = [];

beforeAll(async () => {
  t = await startSandboxApp();
});
afterAll(async () => {
  await t.stop();
});
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function freshDir(): Promise<string> {
  dataDir = await mkdtemp(join(tmpdir(), 'porthole-hub-'));
  return dataDir;
}

function hub(dir: string): { hub: ForwardsHub; updates: Array<{ id: string; forward: ForwardInfo | null }> } {
  const updates: Array<{ id: string; forward: ForwardInfo | null }> = [];
  const h = new ForwardsHub({ aws: t.app.aws, dataDir: dir, events: { updated: (e) => updates.push(e), stats: () => undefined } });
  hubs.push(h);
  return { hub: h, updates };
}

const webSpec = ForwardSpecSchema.parse({ target: DEMO_APP.web, remotePort: 8080, localPort: 'auto', name: 'web http' });

describe('saved forwards in one store', () => {
  it('keeps a saved forward across runs with its contract spec, and starts it again when asked', async () => {
    const dir = await freshDir();
    const first = hub(dir).hub;
    const live = await first.create(webSpec);
    const unsaved = await first.create({ ...webSpec, remotePort: 9000, name: 'not kept' });
    const saved = await first.save(live.id);
    expect(saved).toMatchObject({ savedId: live.id, spec: webSpec });
    expect(unsaved.id).not.toBe(live.id);
    await first.close();
    // The manager's file is the store; the details file only adds the tree's target.
    expect((await new ForwardStore(dir).load()).map((f) => f.id)).toEqual([live.id]);

    const second = hub(dir);
    expect(await second.hub.saved.list()).toEqual([saved]);
    // Saved is not started: nothing listens until the person restores it.
    expect(second.hub.list()).toEqual([]);
    const restored = await second.hub.restore(saved.savedId);
    // Its container name and task ARN survive, which the manager's spec alone cannot hold.
    expect(restored).toMatchObject({ id: live.id, spec: webSpec });
    await eventually('the saved forward listening again', () => second.hub.list()[0]?.state === 'listening');
    expect(second.updates.some((u) => u.id === live.id && u.forward !== null)).toBe(true);

    await second.hub.forget(saved.savedId);
    await second.hub.close();
    const third = hub(dir).hub;
    expect(await third.saved.list()).toEqual([]);
    // Forgetting does not stop a forward still in the panel, but it is not started again next run.
    expect(third.list()).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, SAVED_DETAILS_FILE), 'utf8'))).toEqual({ version: 1, details: {} });
  });

  it('moves the old saved-forwards.json into the store once, keeping ids, specs and dates', async () => {
    const dir = await freshDir();
    const instanceSpec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 22, localPort: 'auto', autoRestart: true });
    const legacy = {
      version: 1,
      saved: [
        { savedId: 'saved-web', spec: webSpec, savedAt: 1_700_000_000_000 },
        { savedId: 'saved-ssh', spec: instanceSpec, savedAt: 1_700_000_000_001 },
        { savedId: 'broken', spec: { remotePort: 'x' }, savedAt: 1 },
      ],
    };
    await writeFile(join(dir, LEGACY_SAVED_FILE), JSON.stringify(legacy));
    const { hub: h } = hub(dir);
    expect(await h.saved.list()).toEqual([
      { savedId: 'saved-web', spec: webSpec, savedAt: 1_700_000_000_000 },
      { savedId: 'saved-ssh', spec: instanceSpec, savedAt: 1_700_000_000_001 },
    ]);
    expect((await new ForwardStore(dir).load()).map((f) => f.id)).toEqual(['saved-web', 'saved-ssh']);
    await expect(stat(join(dir, LEGACY_SAVED_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(JSON.parse(await readFile(join(dir, `${LEGACY_SAVED_FILE}${MIGRATED_SUFFIX}`), 'utf8'))).toEqual(legacy);
    await h.close();

    // A second run reads only the store: nothing is moved twice.
    const again = hub(dir).hub;
    expect((await again.saved.list()).map((s) => s.savedId)).toEqual(['saved-web', 'saved-ssh']);
    // Saving another while those two are loaded but not started keeps all three.
    const extra = await again.create({ ...webSpec, remotePort: 9000 });
    await again.save(extra.id);
    expect((await new ForwardStore(dir).load()).map((f) => f.id).sort()).toEqual(['saved-ssh', 'saved-web', extra.id].sort());
    expect(again.list().map((f) => f.id)).toEqual([extra.id]);
    // Forgetting one never started drops it from the saved list and the store.
    await again.forget('saved-ssh');
    expect((await again.saved.list()).map((s) => s.savedId).sort()).toEqual(['saved-web', extra.id].sort());
    expect((await new ForwardStore(dir).load()).map((f) => f.id).sort()).toEqual(['saved-web', extra.id].sort());
  });

  it('removing a saved forward from the panel keeps it saved; restoring lists it anew', async () => {
    const dir = await freshDir();
    const { hub: h } = hub(dir);
    const live = await h.create(webSpec);
    const saved = await h.save(live.id);
    await h.remove(live.id);
    expect(h.list()).toEqual([]);
    expect(await h.saved.list()).toEqual([saved]);
    const restored = await h.restore(saved.savedId);
    expect(restored).toMatchObject({ spec: webSpec });
    expect(restored.id).not.toBe(live.id);
    // Restoring what is already running changes nothing.
    expect((await h.restore(saved.savedId)).id).toBe(restored.id);
    expect(h.list()).toHaveLength(1);
    await expect(h.restore('no-such')).rejects.toThrow(/No saved forward/);
  });

  it('sets an unreadable store aside instead of letting the next save overwrite it', async () => {
    const dir = await freshDir();
    const store = new ForwardStore(dir);
    await writeFile(store.file, '{"version": 1, "forwards": [{"id": "x"');
    const { hub: h } = hub(dir);
    expect(await h.saved.list()).toEqual([]);
    const live = await h.create(webSpec);
    await h.save(live.id);
    expect((await store.load()).map((f) => f.id)).toEqual([live.id]);
    const aside = (await readdir(dir)).filter((f) => f.startsWith(`${basename(store.file)}${UNREADABLE_SUFFIX}-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"version": 1, "forwards": [{"id": "x"');
  });
});
