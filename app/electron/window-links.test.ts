// Window links against a real router: an untrusted frame cannot tear down the trusted page's
// link, a reload replaces the link without stacking 'destroyed' listeners, and destroying the
// window closes everything. webContents and ports are stand-ins (this runs without Electron).
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBaseRouter } from '../../testing/ipc/base-router.js';
import type { ClientTransport } from '../../main/ipc/router.js';
import { IpcGate, type SenderInfo } from './ipc-gate.js';
import { APP_ENTRY_URL } from './security.js';
import { WindowLinks } from './window-links.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class FakeContents extends EventEmitter {
  constructor(readonly id: number) {
    super();
  }
}

class FakePort {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

const transport: ClientTransport = { sendControl: () => undefined, sendData: () => undefined };
const trusted = (id: number): SenderInfo => ({ id, frame: { url: APP_ENTRY_URL, isMainFrame: true } });
const infoRequest = { type: 'request', id: 1, service: 'app', method: 'info', params: {} };

function setup() {
  const { router } = createBaseRouter({ host: 'electron', version: '1.0.0', platform: 'linux', dataDir: join(dir, String(Math.random())), sandbox: null });
  const gate = new IpcGate(router);
  return { gate, links: new WindowLinks<FakePort>(gate) };
}

describe('WindowLinks', () => {
  it('refuses an untrusted frame without touching the trusted link of the same window', async () => {
    const { gate, links } = setup();
    const contents = new FakeContents(7);
    const good = new FakePort();
    expect('handleControl' in links.connect(contents, trusted(7), good, transport)).toBe(true);

    const intruderPort = new FakePort();
    const refused = links.connect(contents, { id: 7, frame: { url: 'https://evil.example/', isMainFrame: false } }, intruderPort, transport);
    expect(refused).toMatchObject({ code: 'malformed', message: expect.stringMatching(/untrusted frame/) });
    expect(intruderPort.closed).toBe(true);
    expect(good.closed).toBe(false);
    expect(await gate.control(trusted(7), infoRequest)).toMatchObject({ ok: true, result: { host: 'electron' } });
  });

  it('replaces the link on reload with one destroyed listener, and closes all on destroy', async () => {
    const { gate, links } = setup();
    const contents = new FakeContents(3);
    const ports = [new FakePort(), new FakePort(), new FakePort()];
    for (const port of ports) links.connect(contents, trusted(3), port, transport);
    expect(ports.map((p) => p.closed)).toEqual([true, true, false]);
    expect(contents.listenerCount('destroyed')).toBe(1);
    expect(links.size).toBe(1);

    contents.emit('destroyed');
    expect(ports[2]!.closed).toBe(true);
    expect(links.size).toBe(0);
    expect(await gate.control(trusted(3), infoRequest)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not connected/) } });

    // A webContents id is never reused, but a fresh watcher after destroy must still work.
    links.connect(contents, trusted(3), new FakePort(), transport);
    expect(contents.listenerCount('destroyed')).toBe(1);
  });

  it('tells the sessions a reload as "dropped" (they wait to be adopted) and a destroyed window as "ended"', () => {
    const { links } = setup();
    const contents = new FakeContents(5);
    const seen: string[] = [];
    const first = links.connect(contents, trusted(5), new FakePort(), transport);
    if (!('onClose' in first)) throw new Error('the window did not connect');
    first.onClose((how) => seen.push(how));
    const reloaded = links.connect(contents, trusted(5), new FakePort(), transport);
    if (!('onClose' in reloaded)) throw new Error('the reloaded page did not connect');
    reloaded.onClose((how) => seen.push(how));
    contents.emit('destroyed');
    expect(seen).toEqual(['dropped', 'ended']);
  });
});
