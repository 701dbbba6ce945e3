// The inspector hub's frame budget: frames over it are counted into gaps, each gap reported once
// where the frames would have been, with a per-session total that lasts while the session is watched.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InspectorGap } from '../../shared/contract/index.js';
import type { TapEvent } from '../ssm/channel/index.js';
import type { ClientHandle } from './client-handle.js';
import { InspectorHub } from './inspector-hub.js';

const BUDGET = 3;
const SESSION = 'sess-1';

interface Emitted {
  readonly name: string;
  readonly payload: unknown;
}

function fakeClient(id: string): ClientHandle & { readonly emitted: Emitted[] } {
  const emitted: Emitted[] = [];
  return {
    id,
    closed: false,
    emitted,
    emit: (_service, name, payload) => void emitted.push({ name, payload }),
    sendData: () => undefined,
    attachSession: () => () => undefined,
    onClose: () => () => undefined,
  };
}

const tap = (): TapEvent => ({ direction: 'in', at: Date.now(), bytes: new Uint8Array(), text: '{"MessageSchemaVersion":"1.0"}' });
const names = (c: { emitted: Emitted[] }) => c.emitted.map((e) => e.name).join(' ');
const gaps = (c: { emitted: Emitted[] }) => c.emitted.filter((e) => e.name === 'gap').map((e) => e.payload as InspectorGap);

function publish(hub: InspectorHub, n: number, sessionId = SESSION): void {
  for (let i = 0; i < n; i++) hub.publish(sessionId, tap());
}

describe('InspectorHub thinning', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('sends frames within the budget and reports no gap', () => {
    const hub = new InspectorHub(BUDGET);
    const c = fakeClient('w1');
    hub.subscribe(c, SESSION);
    publish(hub, BUDGET);
    vi.advanceTimersByTime(5_000);
    expect(names(c)).toBe('frame frame frame');
  });

  it('counts the frames over the budget and reports them as one gap when the window ends', () => {
    const hub = new InspectorHub(BUDGET);
    const c = fakeClient('w1');
    hub.subscribe(c, SESSION);
    publish(hub, 10);
    expect(names(c)).toBe('frame frame frame');
    vi.advanceTimersByTime(999);
    expect(gaps(c)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(gaps(c)).toEqual([{ sessionId: SESSION, at: 1_001_000, notShown: 7, totalNotShown: 7, maxPerSecond: BUDGET }]);
  });

  it('puts the gap before the first frame of the next window, and keeps a running total', () => {
    const hub = new InspectorHub(BUDGET);
    const c = fakeClient('w1');
    hub.subscribe(c, SESSION);
    publish(hub, 5);
    // The next window starts without the timer having run: the gap still comes first.
    vi.setSystemTime(1_001_000);
    publish(hub, 6);
    expect(names(c)).toBe('frame frame frame gap frame frame frame');
    vi.advanceTimersByTime(1_000);
    expect(gaps(c).map((g) => [g.notShown, g.totalNotShown])).toEqual([
      [2, 2],
      [3, 5],
    ]);
    // Reported once: a quiet window after it adds nothing.
    vi.advanceTimersByTime(5_000);
    publish(hub, 1);
    expect(gaps(c)).toHaveLength(2);
  });

  it('keeps each session to its own budget and total', () => {
    const hub = new InspectorHub(BUDGET);
    const c = fakeClient('w1');
    hub.subscribe(c, SESSION);
    hub.subscribe(c, 'sess-2');
    publish(hub, 4);
    publish(hub, 9, 'sess-2');
    vi.advanceTimersByTime(1_000);
    expect(gaps(c).map((g) => [g.sessionId, g.notShown, g.totalNotShown])).toEqual([
      [SESSION, 1, 1],
      ['sess-2', 6, 6],
    ]);
  });

  it('sends the gap to every window watching the session', () => {
    const hub = new InspectorHub(BUDGET);
    const a = fakeClient('w1');
    const b = fakeClient('w2');
    hub.subscribe(a, SESSION);
    hub.subscribe(b, SESSION);
    publish(hub, 5);
    vi.advanceTimersByTime(1_000);
    expect(gaps(a)).toEqual(gaps(b));
    expect(gaps(a)[0]?.notShown).toBe(2);
  });

  it('forgets the count when nobody watches the session any more, and reports no late gap', () => {
    const hub = new InspectorHub(BUDGET);
    const c = fakeClient('w1');
    hub.subscribe(c, SESSION);
    publish(hub, 8);
    hub.unsubscribe(c, SESSION);
    vi.advanceTimersByTime(2_000);
    expect(gaps(c)).toEqual([]);
    hub.subscribe(c, SESSION);
    publish(hub, 4);
    vi.advanceTimersByTime(1_000);
    expect(gaps(c).map((g) => g.totalNotShown)).toEqual([1]);
  });

  it('counts nothing for a session nobody watches', () => {
    const hub = new InspectorHub(BUDGET);
    const c = fakeClient('w1');
    publish(hub, 10);
    hub.subscribe(c, SESSION);
    publish(hub, BUDGET);
    vi.advanceTimersByTime(1_000);
    expect(names(c)).toBe('frame frame frame');
  });
});
