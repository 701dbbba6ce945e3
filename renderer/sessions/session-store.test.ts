import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionStatus, ShellTarget } from '../../shared/contract/index.js';
import { SessionStore, type SessionDeps } from './session-store.js';
import { reconnectLine, statusLine } from './tab-status.js';

const TARGET = { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' } as unknown as ShellTarget;

/** The client's one method, as the store calls it. */
type Call = (area: string, method: string, params: { title: string }) => Promise<{ session: SessionInfo }>;

/** A store on `call`, whose terminal registry hands out `controller` for every session. */
function storeWith(call: Call, controller: object | undefined): SessionStore {
  return new SessionStore({
    client: { call },
    dialogs: {},
    look: () => ({}),
    confirmCloseLive: () => false,
    registry: () => ({ get: () => controller, create: () => undefined, prepare: () => Promise.resolve(), forgetEarly: () => undefined }),
    openFailed: () => undefined,
    failed: () => undefined,
  } as unknown as SessionDeps);
}

/** A store whose client opens one session, `s-1`, and answers a restart with `restarted`. */
function store(restarted: SessionStatus = { state: 'connecting' }): SessionStore {
  const info = (status: SessionStatus): SessionInfo => ({ id: 's-1', title: 'web', target: TARGET, status, openedAt: 1 });
  const controller = { setLive: () => undefined, restarted: () => undefined };
  return storeWith(async (_area, method) => ({ session: info(method === 'restart' ? restarted : { state: 'connecting' }) }), controller);
}

/**
 * A store whose client opens sessions `s-1`, `s-2`… with the title asked for, and whose terminal
 * registry hands out `controller` for each of them.
 */
function numberingStore(controller: { setLive(): void } | undefined): SessionStore {
  let n = 0;
  return storeWith(async (_area, _method, p) => ({ session: { id: `s-${++n}`, title: p.title, target: TARGET, status: { state: 'connecting' }, openedAt: 1 } }), controller);
}

describe('SessionStore reconnect count', () => {
  it('counts each drop once, however many statuses the retry sends, and survives the resume', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0];
    s.onStatus('s-1', { state: 'connected' });
    expect(tab()?.reconnects).toBe(0);
    expect(reconnectLine(tab()!)).toBeNull();
    s.onStatus('s-1', { state: 'reconnecting', reason: 'Network lost; retrying 1 of 5' });
    s.onStatus('s-1', { state: 'reconnecting', reason: 'Network lost; retrying 2 of 5' });
    s.onStatus('s-1', { state: 'connected' });
    expect(tab()?.status.state).toBe('connected');
    expect(tab()?.reconnects).toBe(1);
    expect(reconnectLine(tab()!)).toBe('Connection dropped once since the session opened');
    s.onStatus('s-1', { state: 'reconnecting' });
    s.onStatus('s-1', { state: 'connected' });
    expect(reconnectLine(tab()!)).toBe('Connection dropped 2 times since the session opened');
  });

  it('remembers when the connection came back, for the line that says it reconnected; a new drop forgets it', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0]!;
    s.onStatus('s-1', { state: 'connected' });
    expect(tab().reconnectedAt).toBeUndefined();
    s.onStatus('s-1', { state: 'reconnecting', reason: 'the connection closed (1006)' });
    const before = Date.now();
    s.onStatus('s-1', { state: 'connected', reason: 'Reconnected after the network dropped' });
    const at = tab().reconnectedAt;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(statusLine(tab())).toBe(`Connected: Reconnected at ${new Date(at!).toLocaleTimeString(undefined, { hour12: false })} after the network dropped`);
    s.onStatus('s-1', { state: 'reconnecting' });
    expect(tab().reconnectedAt).toBeUndefined();
  });

  it('starts again from zero when the session is restarted', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    s.onStatus('s-1', { state: 'reconnecting' });
    s.onStatus('s-1', { state: 'closed', reason: 'Network lost' });
    expect(s.state.tabs[0]?.reconnects).toBe(1);
    await s.restart(s.state.tabs[0]!.key);
    expect(s.state.tabs[0]?.reconnects).toBe(0);
  });
});

describe('SessionStore restart', () => {
  it('leaves the terminal taking no input when the restart call fails', async () => {
    const live: boolean[] = [];
    const controller = { setLive: (l: boolean) => void live.push(l), restarted: () => void live.push(true) };
    const s = storeWith(async (_area, method) => {
      if (method === 'restart') throw new Error('The host is gone.');
      return { session: { id: 's-1', title: 'web', target: TARGET, status: { state: 'connecting' }, openedAt: 1 } };
    }, controller);
    await s.open(TARGET, 'web');
    s.onStatus('s-1', { state: 'closed', reason: 'Exited' });
    await s.restart(s.state.tabs[0]!.key);
    expect(s.state.tabs[0]?.status).toEqual({ state: 'closed', reason: 'The host is gone.' });
    expect(live.at(-1)).toBe(false);
  });
});

describe('SessionStore tab titles', () => {
  it('numbers more shells on one target (2), (3)… also when the new tab is made from a numbered one', async () => {
    const s = numberingStore(undefined);
    await s.open(TARGET, 'web');
    await s.open(TARGET, 'web');
    await s.open(TARGET, 'web (2)');
    await s.open(TARGET, 'web (3)');
    expect(s.state.tabs.map((t) => t.title)).toEqual(['web', 'web (2)', 'web (3)', 'web (4)']);
  });
});

describe('SessionStore link lost', () => {
  it('closes live tabs with the reason; a clearer reason later (host restarted) replaces it, and a tab closed for another reason keeps its own', async () => {
    const s = numberingStore({ setLive: () => undefined });
    await s.open(TARGET, 'live');
    await s.open(TARGET, 'exited');
    s.onStatus('s-2', { state: 'closed', reason: 'The shell exited' });
    s.disconnected('Lost the link.');
    expect(s.state.tabs.map((t) => t.status)).toEqual([
      { state: 'closed', reason: 'Lost the link.' },
      { state: 'closed', reason: 'The shell exited' },
    ]);
    s.disconnected('The host was restarted.');
    expect(s.state.tabs.map((t) => t.status)).toEqual([
      { state: 'closed', reason: 'The host was restarted.' },
      { state: 'closed', reason: 'The shell exited' },
    ]);
    // A shell asked for afterwards is refused (no dead tab: see 'without the host link' below).
    await s.open(TARGET, 'late');
    expect(s.state.tabs).toHaveLength(2);
  });
});

describe('SessionStore task end', () => {
  const stopped = { state: 'stopped', stoppedReason: 'Task stopped by user', exitCode: 143 } as const;
  const told = (status: SessionStatus): SessionInfo => ({ id: 's-1', title: 'web', target: TARGET, status, openedAt: 1, taskEnd: stopped });

  it('shows what ECS said of the task once the session closed, and drops it when the session is reopened', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0];
    s.onStatus('s-1', { state: 'closed', ending: 'exited' });
    s.onInfo(told({ state: 'closed', ending: 'exited' }));
    expect(tab()?.taskEnd).toEqual(stopped);
    await s.restart(tab()!.key);
    expect(tab()?.taskEnd).toBeUndefined();
    s.onStatus('s-1', { state: 'closed', ending: 'exited' });
    expect(tab()?.taskEnd).toBeUndefined();
  });

  it('ignores it for a tab whose session is live again, and for a session no tab shows (its tab closed)', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    s.onStatus('s-1', { state: 'connected' });
    s.onInfo(told({ state: 'closed', ending: 'exited' }));
    expect(s.state.tabs[0]?.taskEnd).toBeUndefined();
    // A session no tab has (its tab was closed): nothing to show it on.
    const before = s.state.tabs;
    s.onInfo({ ...told({ state: 'closed', ending: 'exited' }), id: 's-9' });
    expect(s.state.tabs).toBe(before);
  });
});

describe('SessionStore opening status', () => {
  it("shows main's connecting words (a credential_process sign-in) on the tab whose open still runs, then the session's own", async () => {
    let answer: (r: { session: SessionInfo }) => void = () => undefined;
    const asked: unknown[] = [];
    const s = storeWith((_area, _method, p) => {
      asked.push(p);
      return new Promise((resolve) => { answer = resolve; });
    }, { setLive: () => undefined });
    const opened = s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0];
    const key = tab()?.key ?? '';
    expect(asked).toEqual([expect.objectContaining({ openKey: key })]);
    const waiting = { state: 'connecting', reason: 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.' } as const;
    s.onOpening(key, waiting);
    expect(tab()?.status).toEqual(waiting);
    s.onOpening('tab-other', { state: 'connecting', reason: 'not this tab' });
    expect(tab()?.status).toEqual(waiting);
    answer({ session: { id: 's-1', title: 'web', target: TARGET, status: { state: 'connecting', reason: 'Opening the session' }, openedAt: 1 } });
    await opened;
    // Once the tab has its session, only the data plane speaks for it.
    s.onOpening(key, waiting);
    expect(tab()?.status).toEqual({ state: 'connecting', reason: 'Opening the session' });
  });
});

describe('SessionStore without the host link', () => {
  it('refuses a new shell in the disabled Open shell’s words: no tab, no call', async () => {
    const calls: string[] = [];
    const failures: string[] = [];
    const s = new SessionStore({
      client: { call: async (_area: string, method: string) => { calls.push(method); throw new Error('no host'); } },
      dialogs: {},
      look: () => ({}),
      confirmCloseLive: () => false,
      registry: () => ({ get: () => undefined, create: () => undefined, prepare: () => { calls.push('prepare'); return Promise.resolve(); }, forgetEarly: () => undefined }),
      openFailed: () => calls.push('openFailed'),
      failed: (message: string) => failures.push(message),
    } as unknown as SessionDeps);
    s.disconnected("Lost the connection to Porthole's web host.");
    await s.open(TARGET, 'bastion');
    expect(s.state.tabs).toEqual([]);
    expect(calls).toEqual([]);
    expect(failures).toEqual(["Cannot open a shell on “bastion”: Lost the connection to Porthole's web host."]);
  });
});
