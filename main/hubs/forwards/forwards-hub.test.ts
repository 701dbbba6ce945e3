// Saved forwards through the hub over the sandbox: one store (forwards.json, contract specs) kept
// across runs, older files moved in once and deleted, concurrent saves never lose one, and a
// corrupt store set aside with a message while the hub keeps working.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ForwardSpecSchema, type ForwardInfo } from '../../../shared/contract/index.js';
import { localBindNextStep } from '../../../shared/messages/forwards.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../../testing/composition/sandbox-app.js';
import { eventually } from '../../../testing/composition/test-client.js';
import { FORWARD_STORE } from './forward-store.js';
import { ForwardsHub } from './forwards-hub.js';
import { managerSpec } from './mapping.js';
import { OLD_FORWARD_FILES } from './old-forward-files.js';

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

function hub(dir: string): { hub: ForwardsHub; updates: Array<{ id: string; forward: ForwardInfo | null }>; notices: string[] } {
  const updates: Array<{ id: string; forward: ForwardInfo | null }> = [];
  const notices: string[] = [];
  const h = new ForwardsHub({ aws: t.app.aws, dataDir: dir, events: { updated: (e) => updates.push(e), stats: () => undefined }, notice: (m) => notices.push(m) });
  hubs.push(h);
  return { hub: h, updates, notices };
}

/** Resolves once a TCP connection to 127.0.0.1:port is accepted (a listener is there), then closes it. */
async function connectTo(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

async function storeFile(dir: string): Promise<unknown> {
  return JSON.parse(await readFile(join(dir, FORWARD_STORE.FILE), 'utf8'));
}

const webSpec = ForwardSpecSchema.parse({ target: DEMO_APP.web, remotePort: 8080, localPort: 'auto', name: 'web http' });
const instanceSpec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 22, localPort: 'auto', autoRestart: true });

describe('saved forwards in one store', () => {
  it("restores a saved forward whose port another program took as a failed row saying so, not a refusal in the form's words", async () => {
    const dir = await freshDir();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    await new Promise((resolve) => blocker.close(resolve));
    const first = hub(dir).hub;
    const saved = await first.save((await first.create({ ...webSpec, localPort: port })).id);
    await first.close();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const second = hub(dir).hub;
      const restored = await second.restore(saved.savedId);
      expect(restored).toMatchObject({
        state: 'failed',
        error: { message: `Local port ${port} on 127.0.0.1 is already in use by another program on this computer.`, nextStep: localBindNextStep('port-in-use', 'row') },
      });
      expect(second.list().map((f) => f.id)).toEqual([restored.id]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a forward whose port another of its forwards holds names that one by its target, and its row says to stop or change that forward', async () => {
    const dir = await freshDir();
    const { hub: h } = hub(dir);
    const ssh = await h.create(instanceSpec);
    const port = ssh.lastLocalPort!;
    await h.stop(ssh.id);
    const { name: _unnamed, ...unnamed } = webSpec;
    await h.create({ ...unnamed, localPort: port });
    const refused = await h.restart(ssh.id);
    expect(refused).toMatchObject({
      state: 'failed',
      localBindProblem: 'port-in-use',
      error: {
        message: `Local port ${port} on 127.0.0.1 is already used by another of your forwards, the one to app:8080, listed in Forwards.`,
        nextStep: localBindNextStep('port-in-use', 'row', true),
      },
    });
  });

  it('keeps a saved forward across runs with its contract spec, and starts it again when asked', async () => {
    const dir = await freshDir();
    const first = hub(dir).hub;
    const live = await first.create(webSpec);
    await first.create({ ...webSpec, remotePort: 9000, name: 'not kept' });
    const saved = await first.save(live.id);
    // Saved as it runs: its automatic port is saved as the port it listens on (a client set up
    // for that port must find it again), and the panel's spec says so too.
    const port = live.lastLocalPort!;
    const pinned = { ...webSpec, localPort: port };
    expect(saved).toMatchObject({ savedId: live.id, spec: pinned });
    expect(first.list().find((f) => f.id === live.id)?.spec).toEqual(pinned);
    await first.close();
    // The file holds exactly the contract's saved forward: container name and task ARN included.
    expect(await storeFile(dir)).toEqual({ version: FORWARD_STORE.VERSION, saved: [saved] });
    expect(await readdir(dir)).toEqual([FORWARD_STORE.FILE]);

    const second = hub(dir);
    expect(await second.hub.saved.list()).toEqual([saved]);
    // Saved is not started: nothing listens until the person restores it.
    expect(second.hub.list()).toEqual([]);
    const restored = await second.hub.restore(saved.savedId);
    expect(restored).toMatchObject({ id: live.id, spec: pinned, localPort: port });
    await eventually('the saved forward listening again', () => second.hub.list()[0]?.state === 'listening');
    expect(second.updates.some((u) => u.id === live.id && u.forward !== null)).toBe(true);
    // Auto-restart changed on a saved forward is saved too.
    await second.hub.setAutoRestart(restored.id, true);
    expect((await storeFile(dir)) as object).toMatchObject({ saved: [{ savedId: saved.savedId, spec: { ...pinned, autoRestart: true } }] });

    await second.hub.forget(saved.savedId);
    // Forgetting does not stop a forward still in the panel, but it is not started again next run.
    expect(second.hub.list().map((f) => f.id)).toEqual([restored.id]);
    await second.hub.close();
    const third = hub(dir).hub;
    expect(await third.saved.list()).toEqual([]);
    expect(third.list()).toEqual([]);
    await expect(third.forget(saved.savedId)).rejects.toThrow(/No saved forward/);
  });

  it('moves every older shape in once (manager specs + details + the first file) and deletes them', async () => {
    const dir = await freshDir();
    const legacySsh = { savedId: 'saved-ssh', spec: instanceSpec, savedAt: 1_700_000_000_001 };
    await writeFile(join(dir, FORWARD_STORE.FILE), JSON.stringify({ version: 1, forwards: [{ id: 'saved-web', spec: managerSpec(webSpec) }, { id: 'foreign', spec: { target: { kind: 'instance', instanceId: 'i-1' }, remotePort: 22 } }] }));
    await writeFile(join(dir, OLD_FORWARD_FILES.DETAILS), JSON.stringify({ version: 1, details: { 'saved-web': { target: webSpec.target, savedAt: 1_700_000_000_000 } } }));
    await writeFile(join(dir, OLD_FORWARD_FILES.LEGACY), JSON.stringify({ version: 1, saved: [legacySsh, { savedId: 'saved-web', spec: webSpec, savedAt: 5 }, { savedId: 'broken', spec: { remotePort: 'x' }, savedAt: 1 }] }));
    await writeFile(join(dir, OLD_FORWARD_FILES.LEGACY_MIGRATED), '{}');
    const { hub: h, notices } = hub(dir);
    const expected = [{ savedId: 'saved-web', spec: webSpec, savedAt: 1_700_000_000_000 }, legacySsh];
    expect(await h.saved.list()).toEqual(expected);
    expect(await storeFile(dir)).toEqual({ version: FORWARD_STORE.VERSION, saved: expected });
    expect(await readdir(dir)).toEqual([FORWARD_STORE.FILE]);
    // What could not be carried over is named, not silently dropped.
    expect(notices).toEqual([expect.stringMatching(/saved forward foreign \(it names no profile and region\); entry 3 of saved-forwards\.json \(invalid\)/)]);
    await h.close();

    // A second run reads only the store: nothing is moved twice, nothing reported.
    const again = hub(dir);
    expect(await again.hub.saved.list()).toEqual(expected);
    expect(again.notices).toEqual([]);
    const restored = await again.hub.restore('saved-ssh');
    expect(restored.spec).toEqual(instanceSpec);
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
    // Back on the port it was saved on, which is the one it had (not a new free one), and it accepts connections there.
    expect(restored).toMatchObject({ spec: { ...webSpec, localPort: live.lastLocalPort }, localPort: live.lastLocalPort });
    await connectTo(live.lastLocalPort!);
    expect(restored.id).not.toBe(live.id);
    // Restoring what is already running changes nothing.
    expect((await h.restore(saved.savedId)).id).toBe(restored.id);
    expect(h.list()).toHaveLength(1);
    await expect(h.restore('no-such')).rejects.toThrow(/No saved forward/);
  });

  it('a forward says which saved forward it is, under a new id too, and stops saying so once forgotten', async () => {
    const dir = await freshDir();
    const { hub: h, updates } = hub(dir);
    const live = await h.create(webSpec);
    expect(live.savedId).toBeUndefined();
    const saved = await h.save(live.id);
    // Saving is told to every window, with the link.
    expect(updates.at(-1)).toMatchObject({ id: live.id, forward: { savedId: saved.savedId } });
    await h.remove(live.id);
    const restored = await h.restore(saved.savedId);
    expect(restored.id).not.toBe(saved.savedId);
    expect(restored.savedId).toBe(saved.savedId);
    expect(h.list()[0]?.savedId).toBe(saved.savedId);
    await h.forget(saved.savedId);
    expect(h.list()[0]?.savedId).toBeUndefined();
    expect(updates.at(-1)).toMatchObject({ id: restored.id });
    expect(updates.at(-1)?.forward?.savedId).toBeUndefined();
  });

  it('editing a saved forward updates its one saved entry in place: same id, same place, one entry, through the store file', async () => {
    const dir = await freshDir();
    const { hub: h, updates } = hub(dir);
    const live = [];
    for (const i of [0, 1, 2]) live.push(await h.create({ ...webSpec, remotePort: 8080 + i, name: `web ${i}` }));
    const saved = [];
    for (const f of live) saved.push(await h.save(f.id));
    const middle = live[1]!;
    const edited = { ...webSpec, remotePort: 9000, name: 'echo now' };
    const info = await h.edit(middle.id, edited);
    // Still saved, so its automatic port is saved as the port it now listens on (the row's spec too).
    const editedPinned = { ...edited, localPort: info.lastLocalPort };
    expect(info.lastLocalPort).toEqual(expect.any(Number));
    expect(info).toMatchObject({ id: middle.id, spec: editedPinned, savedId: saved[1]!.savedId });
    expect(updates.at(-1)).toMatchObject({ id: middle.id, forward: { spec: editedPinned } });
    const file = (await storeFile(dir)) as { saved: Array<{ savedId: string; spec: unknown; savedAt: number }> };
    expect(file.saved.map((s) => s.savedId)).toEqual(saved.map((s) => s.savedId));
    expect(file.saved[1]).toEqual({ ...saved[1], spec: editedPinned });
    expect(file.saved[0]).toEqual(saved[0]);
    expect(file.saved[2]).toEqual(saved[2]);
    // No temporary files left beside it: the atomic writer renamed its one file in.
    expect(await readdir(dir)).toEqual([FORWARD_STORE.FILE]);
    // A forward that is not saved stays unsaved when edited.
    const loose = await h.create({ ...webSpec, remotePort: 9001 });
    await h.edit(loose.id, { ...webSpec, remotePort: 9002 });
    expect(((await storeFile(dir)) as typeof file).saved).toHaveLength(3);
  });

  it('a refused edit changes neither the forward nor its saved entry', async () => {
    const dir = await freshDir();
    const { hub: h } = hub(dir);
    const live = await h.create(webSpec);
    const saved = await h.save(live.id);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      await expect(h.edit(live.id, { ...webSpec, localPort: taken })).rejects.toMatchObject({ code: 'port-in-use' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(h.list()).toEqual([expect.objectContaining({ id: live.id, spec: saved.spec, localPort: live.localPort })]);
    expect(saved.spec.localPort).toBe(live.localPort);
    expect(await storeFile(dir)).toEqual({ version: FORWARD_STORE.VERSION, saved: [saved] });
  });

  it('concurrent saves and auto-restart changes all land: a valid file with the last state', async () => {
    const dir = await freshDir();
    const { hub: h } = hub(dir);
    const live = await Promise.all(Array.from({ length: 6 }, (_, i) => h.create({ ...webSpec, remotePort: 8080 + i, name: `web ${i}` })));
    await Promise.all(live.map((f) => h.save(f.id)));
    const file = (await storeFile(dir)) as { saved: Array<{ savedId: string; spec: { autoRestart: boolean } }> };
    expect(file.saved.map((s) => s.savedId).sort()).toEqual(live.map((f) => f.id).sort());
    const last = live[5]!;
    await Promise.all(Array.from({ length: 100 }, (_, i) => h.setAutoRestart(last.id, i % 2 === 0)));
    const after = (await storeFile(dir)) as typeof file;
    expect(after.saved).toHaveLength(6);
    expect(after.saved.find((s) => s.savedId === last.id)?.spec.autoRestart).toBe(false); // i = 99 was last
  });

  it('a saved forward whose remote host has a port in it (saved before that was refused) is listed with its problem; Start refuses it in those words, the others start', async () => {
    const dir = await freshDir();
    const pasted = { savedId: 'pasted', spec: { ...webSpec, remoteHost: 'db.internal:5432' }, savedAt: 2 };
    await writeFile(join(dir, FORWARD_STORE.FILE), JSON.stringify({ version: FORWARD_STORE.VERSION, saved: [{ savedId: 'web', spec: webSpec, savedAt: 1 }, pasted] }));
    const { hub: h, notices } = hub(dir);
    const problem = 'Cannot start: The remote host has a port in it (db.internal:5432): use db.internal as the remote host and 5432 as the remote port. Forget it and add it again that way.';
    expect((await h.saved.list()).map((s) => [s.savedId, s.problem])).toEqual([['web', undefined], ['pasted', problem]]);
    await expect(h.restore('pasted')).rejects.toMatchObject({ code: 'invalid-spec', message: problem });
    expect(h.list()).toEqual([]);
    expect((await h.restore('web')).savedId).toBe('web');
    expect(notices).toEqual([]);
  });

  it('sets a corrupt store aside as forwards.json.corrupt-<time>, says so, and keeps working', async () => {
    const dir = await freshDir();
    const broken = '{"version": 2, "saved": [{"savedId": "x"';
    await writeFile(join(dir, FORWARD_STORE.FILE), broken);
    const { hub: h, notices } = hub(dir);
    expect(await h.saved.list()).toEqual([]);
    const aside = (await readdir(dir)).filter((f) => f.startsWith(`${FORWARD_STORE.FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^forwards\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(broken);
    expect(notices).toEqual([expect.stringContaining(`it was set aside as ${join(dir, aside[0]!)}`)]);
    const live = await h.create(webSpec);
    const saved = await h.save(live.id);
    expect(await storeFile(dir)).toEqual({ version: FORWARD_STORE.VERSION, saved: [saved] });
  });
});
