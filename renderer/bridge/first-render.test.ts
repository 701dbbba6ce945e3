import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_RENDER_LINK_WAIT_MS, linkedOrAfter } from './first-render.js';
import { createWebSocketBridge } from './websocket.js';

/** A socket that opens and closes when the test says, recording what was sent and when. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 0;
  binaryType = 'blob';
  readonly log: string[];
  constructor(readonly url: string) {
    super();
    this.log = FakeSocket.log;
    FakeSocket.last = this;
  }
  static log: string[] = [];
  send(frame: string): void {
    this.log.push(`sent ${(JSON.parse(frame) as { method: string }).method}`);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  close(): void {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { reason: '' }));
  }
}

function fakeBrowser(): void {
  FakeSocket.log = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  // After a close the bridge probes the page's address for a restarted host: never answered here.
  vi.stubGlobal('window', { location: { origin: 'http://127.0.0.1:9' } });
  vi.stubGlobal('fetch', () => new Promise(() => undefined));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the first render waits for the link, bounded', () => {
  it('settles as soon as the link does, well before the bound', async () => {
    vi.useFakeTimers();
    let linkedNow: () => void = () => undefined;
    let settled = false;
    void linkedOrAfter(new Promise<void>((r) => (linkedNow = r))).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(false);
    linkedNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
  });

  it('settles after the bound when the link never comes', async () => {
    vi.useFakeTimers();
    let settled = false;
    void linkedOrAfter(new Promise<void>(() => undefined)).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_LINK_WAIT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });
});

describe('the web host bridge says when it is linked', () => {
  it('settles once the socket is open, after the requests queued before were sent', async () => {
    fakeBrowser();
    const bridge = createWebSocketBridge('ws://127.0.0.1:9/ws');
    void bridge.request('settings', 'get', {});
    void bridge.request('inventory', 'children', { parentId: 'root' });
    void bridge.linked.then(() => FakeSocket.log.push('linked'));
    await Promise.resolve();
    expect(FakeSocket.log).toEqual([]);
    FakeSocket.last?.open();
    await bridge.linked;
    expect(FakeSocket.log).toEqual(['sent get', 'sent children', 'linked']);
  });

  it('settles when the socket closes without opening (requests then fail at once)', async () => {
    fakeBrowser();
    const bridge = createWebSocketBridge('ws://127.0.0.1:9/ws');
    const asked = bridge.request('settings', 'get', {});
    FakeSocket.last?.close();
    await bridge.linked;
    await expect(asked).rejects.toThrow(/Lost the connection/);
  });
});
