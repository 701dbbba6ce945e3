// A connected tab whose input goes unanswered (main's sessions.inputWait): the tab's line says how
// long and that Porthole waits for the gateway, cleared when main says it is over, and handed to
// the reconnecting banner's words when resume starts (a wait told meanwhile is not shown).
import { describe, expect, it } from 'vitest';
import type { SessionInfo, ShellTarget } from '../../shared/contract/index.js';
import { SessionStore, type SessionDeps } from './session-store.js';
import { inputWaitLine, inputWaitSeconds, statusLine } from './tab-status.js';

const TARGET = { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' } as unknown as ShellTarget;

/** A store whose client opens one session, `s-1`. */
function store(): SessionStore {
  const session: SessionInfo = { id: 's-1', title: 'web', target: TARGET, status: { state: 'connecting' }, openedAt: 1 };
  return new SessionStore({
    client: { call: async () => ({ session }) },
    dialogs: {},
    look: () => ({}),
    confirmCloseLive: () => false,
    registry: () => ({ get: () => ({ setLive: () => undefined }), create: () => undefined, prepare: () => Promise.resolve(), forgetEarly: () => undefined }),
    openFailed: () => undefined,
    failed: () => undefined,
  } as unknown as SessionDeps);
}

const WAITING = /^Input not answered for \d+ s — waiting for the gateway$/;

describe('a tab whose input goes unanswered', () => {
  it('says how long while main tells it, and goes back to its state once cleared', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0]!;
    s.onStatus('s-1', { state: 'connected' });
    s.onInputWait('s-1', 5000);
    expect(statusLine(tab())).toBe('Input not answered for 5 s — waiting for the gateway');
    expect(inputWaitSeconds(tab())).toBe(5);
    s.onInputWait('s-1', 7400);
    expect(statusLine(tab())).toBe('Input not answered for 7 s — waiting for the gateway');
    expect(inputWaitSeconds(tab())).toBe(7);
    s.onInputWait('s-1', null);
    expect(inputWaitSeconds(tab())).toBeNull();
    expect(inputWaitLine(tab())).toBeNull();
    expect(statusLine(tab())).toBe('Connected');
  });

  it('has a line without the seconds that stays the same for the whole wait (the status bar reads it out)', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0]!;
    s.onStatus('s-1', { state: 'connected' });
    s.onInputWait('s-1', 5000);
    const first = inputWaitLine(tab());
    expect(first).toBe('Input not answered — waiting for the gateway');
    for (const ms of [6000, 12_500, 29_900]) {
      s.onInputWait('s-1', ms);
      expect(inputWaitLine(tab())).toBe(first);
    }
  });

  it('hands over to the reconnecting words when resume starts, and a wait told then is not shown', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    const tab = () => s.state.tabs[0]!;
    s.onStatus('s-1', { state: 'connected' });
    s.onInputWait('s-1', 9000);
    expect(statusLine(tab())).toMatch(WAITING);
    s.onStatus('s-1', { state: 'reconnecting', reason: 'no reply from the gateway for 35 s' });
    expect(inputWaitLine(tab())).toBeNull();
    expect(statusLine(tab())).toBe('Reconnecting: no reply from the gateway for 35 s');
    s.onInputWait('s-1', 10_000);
    expect(inputWaitLine(tab())).toBeNull();
    s.onStatus('s-1', { state: 'connected', reason: 'resumed' });
    expect(inputWaitLine(tab())).toBeNull();
  });

  it('is not told for a session no tab shows, nor for a closed one', async () => {
    const s = store();
    await s.open(TARGET, 'web');
    s.onInputWait('s-unknown', 6000);
    s.onStatus('s-1', { state: 'closed', reason: 'Exited' });
    s.onInputWait('s-1', 6000);
    expect(inputWaitLine(s.state.tabs[0]!)).toBeNull();
  });
});
