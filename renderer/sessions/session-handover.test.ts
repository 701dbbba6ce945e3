import { describe, expect, it } from 'vitest';
import type { AdoptableSession, SessionInfo, ShellTarget } from '../../shared/contract/index.js';
import { SessionHandover, type HandoverDeps } from './session-handover.js';
import { SessionStore, type SessionDeps } from './session-store.js';

const TARGET = { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' } as unknown as ShellTarget;
const info = (id: string): SessionInfo => ({ id, title: id, target: TARGET, status: { state: 'connected' }, openedAt: 1 });
const adoptable = (id: string, cols = 100, rows = 30): AdoptableSession => ({ session: info(id), cols, rows, owner: 'waiting', expiresAt: 2 });

/** A handover over a fake client that lists `listed` and adopts only `takes`, recording the order of what happens. */
function setup(listed: AdoptableSession[], takes: string[]) {
  const log: string[] = [];
  const released: string[] = [];
  const registry = {
    create: (id: string, _look: unknown, size?: { cols: number; rows: number }) => log.push(`create ${id} ${size?.cols}x${size?.rows}`),
    dispose: (id: string) => log.push(`dispose ${id}`),
    get: (id: string) => ({ released: () => released.push(id), setLive: () => undefined }),
  };
  const client = {
    call: async (_area: string, method: string, params: { ids?: string[] }) => {
      log.push(`${method}${params.ids ? ` ${params.ids.join(',')}` : ''}`);
      if (method === 'adoptable') return { sessions: listed };
      return { sessions: (params.ids ?? []).filter((id) => takes.includes(id)).map(info) };
    },
  };
  const failures: string[] = [];
  const sessions = new SessionStore({ client, registry: () => registry, dialogs: {}, look: () => ({}), confirmCloseLive: () => false, openFailed: () => undefined, failed: () => undefined } as unknown as SessionDeps);
  const handover = new SessionHandover({ client, sessions, registry: () => registry, look: () => ({}), failed: (m: string) => failures.push(m) } as unknown as HandoverDeps);
  return { log, released, sessions, handover, failures };
}

describe('SessionHandover', () => {
  it('makes each terminal at its last size before adopting, so replayed bytes have somewhere to go', async () => {
    const { log, sessions, handover } = setup([adoptable('s-1', 91, 33), adoptable('s-2')], ['s-1', 's-2']);
    await handover.adoptAll();
    expect(log).toEqual(['adoptable', 'create s-1 91x33', 'create s-2 100x30', 'adopt s-1,s-2']);
    expect(sessions.state.tabs.map((t) => t.sessionId)).toEqual(['s-1', 's-2']);
    expect(sessions.active?.sessionId).toBe('s-1');
  });

  it('drops the tab of a session that ended between the list and the adopt', async () => {
    const { log, sessions, handover } = setup([adoptable('s-1'), adoptable('s-2')], ['s-2']);
    await handover.adoptAll();
    expect(log).toContain('dispose s-1');
    expect(sessions.state.tabs.map((t) => t.sessionId)).toEqual(['s-2']);
    expect(sessions.active?.sessionId).toBe('s-2');
  });

  it('adopts nothing when main has no sessions for this window', async () => {
    const { log, sessions, handover } = setup([], []);
    await handover.adoptAll();
    expect(log).toEqual(['adoptable']);
    expect(sessions.state.tabs).toEqual([]);
  });

  it('marks tabs another window took, silences their terminals, and takes one back into a fresh terminal', async () => {
    const { log, released, sessions, handover } = setup([adoptable('s-1')], ['s-1']);
    await handover.adoptAll();
    sessions.movedAway(['s-1'], 'A newer Porthole window took this session.');
    const tab = sessions.state.tabs[0];
    expect(tab).toMatchObject({ elsewhere: true, status: { state: 'closed', reason: 'A newer Porthole window took this session.' } });
    expect(released).toEqual(['s-1']);
    log.length = 0;
    await handover.takeBack(tab?.key ?? '');
    expect(log).toEqual(['adoptable', 'dispose s-1', 'create s-1 100x30', 'adopt s-1']);
    expect(sessions.state.tabs[0]).toMatchObject({ elsewhere: false, status: { state: 'connected' } });
  });
});
