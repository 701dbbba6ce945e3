// The window/quit close guard without Electron: counting a window's live sessions through its
// own IPC connection, the question asked, and the cancel-then-redo dance of the close event.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../shared/contract/index.js';
import { createBaseRouter } from '../../testing/ipc/base-router.js';
import { APP_ENTRY_URL } from './security.js';
import { CLOSE_BUTTONS, CloseGuard, closeQuestion, countLiveSessions, SessionCountError, sumLive, type CloseQuestion } from './close-guard.js';
import { IpcGate, type SenderInfo } from './ipc-gate.js';

const session = (id: string, state: SessionState): SessionInfo => ({
  id,
  title: id,
  target: { kind: 'instance', profile: 'dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' },
  status: { state },
  openedAt: 1_700_000_000_000,
});

describe('counting live sessions through a window connection', () => {
  let dir: string;
  let gate: IpcGate;
  const byClient = new Map<string, SessionInfo[]>();
  const winA: SenderInfo = { id: 1, frame: { url: APP_ENTRY_URL, isMainFrame: true } };
  const winB: SenderInfo = { id: 2, frame: { url: APP_ENTRY_URL, isMainFrame: true } };
  const transport = { sendControl: () => undefined, sendData: () => undefined };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-close-'));
    const { router } = createBaseRouter({ host: 'electron', version: '1.0.0', platform: 'linux', dataDir: dir, sandbox: null });
    const refuse = (): never => {
      throw new Error('not used by the close guard');
    };
    // Like the real service: each window sees only the sessions it owns.
    router.register('sessions', { list: (_p, { client }) => ({ sessions: byClient.get(client.id) ?? [] }), open: refuse, close: refuse, rename: refuse, restart: refuse, setRecording: refuse, adoptable: refuse, adopt: refuse });
    gate = new IpcGate(router);
  });
  afterEach(async () => {
    gate.disconnect(winA.id);
    gate.disconnect(winB.id);
    byClient.clear();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts only the asking window’s sessions that are not closed', async () => {
    const a = gate.connect(winA, transport);
    const b = gate.connect(winB, transport);
    if (!('id' in a) || !('id' in b)) throw new Error('windows did not connect');
    byClient.set(a.id, [session('s-1', 'connected'), session('s-2', 'reconnecting'), session('s-3', 'closed'), session('s-4', 'connecting')]);
    byClient.set(b.id, [session('s-5', 'closed')]);
    const ra = await gate.sessionsResponse(winA.id);
    const rb = await gate.sessionsResponse(winB.id);
    expect(ra && countLiveSessions(ra)).toBe(3);
    expect(rb && countLiveSessions(rb)).toBe(0);
    expect(await gate.sessionsResponse(99)).toBeNull();
  });

  it('turns a failed list into a typed error, not a zero', () => {
    const failed = countLiveSessions({ type: 'response', id: 0, ok: false, error: { code: 'internal', message: 'boom' } });
    expect(failed).toBeInstanceOf(SessionCountError);
    expect((failed as SessionCountError).message).toMatch(/boom/);
    expect(countLiveSessions({ type: 'response', id: 0, ok: true, result: { sessions: [{ id: 'x' }] } })).toBeInstanceOf(SessionCountError);
  });
});

describe('the question', () => {
  it('asks with the number of live sessions, Cancel by default', () => {
    expect(closeQuestion('window', 3, true)).toMatchObject({ message: '3 sessions are still open — close them?', buttons: ['Close sessions', 'Cancel'], defaultId: CLOSE_BUTTONS.cancel, cancelId: CLOSE_BUTTONS.cancel });
    expect(closeQuestion('quit', 1, true)).toMatchObject({ message: '1 session is still open — close it?', buttons: ['Quit', 'Cancel'], detail: expect.stringMatching(/^Quitting Porthole/) });
    expect(closeQuestion('window', new SessionCountError('no list'), true)?.message).toBe('Sessions may still be open — close them?');
  });

  it('does not ask with nothing open or with the confirmation turned off', () => {
    expect(closeQuestion('window', 0, true)).toBeNull();
    expect(closeQuestion('quit', 5, false)).toBeNull();
  });

  it('sums windows, and one uncountable window makes the sum uncountable', () => {
    expect(sumLive([1, 0, 2])).toBe(3);
    expect(sumLive([1, new SessionCountError('x')])).toBeInstanceOf(SessionCountError);
  });
});

describe('CloseGuard', () => {
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

  function guard(live: number, answer: number, enabled = true): { g: CloseGuard; asked: CloseQuestion[] } {
    const asked: CloseQuestion[] = [];
    const g = new CloseGuard('window', {
      count: async () => live,
      confirmEnabled: async () => enabled,
      ask: async (q) => {
        asked.push(q);
        return answer;
      },
    });
    return { g, asked };
  }

  it('cancels the first close, asks once, and redoes the close when confirmed', async () => {
    const { g, asked } = guard(2, CLOSE_BUTTONS.confirm);
    let redone = 0;
    expect(g.onClose(() => redone++)).toBe(false);
    // A second close event while the dialog is up neither asks again nor closes.
    expect(g.onClose(() => redone++)).toBe(false);
    await settle();
    expect(asked).toHaveLength(1);
    expect(redone).toBe(1);
    expect(g.onClose(() => redone++)).toBe(true);
  });

  it('keeps the window when the answer is Cancel, and asks again next time', async () => {
    const { g, asked } = guard(1, CLOSE_BUTTONS.cancel);
    let redone = 0;
    expect(g.onClose(() => redone++)).toBe(false);
    await settle();
    expect(redone).toBe(0);
    expect(g.approved).toBe(false);
    expect(g.onClose(() => redone++)).toBe(false);
    await settle();
    expect(asked).toHaveLength(2);
  });

  it('closes without asking when nothing is live or the setting is off', async () => {
    for (const { g, asked } of [guard(0, CLOSE_BUTTONS.cancel), guard(4, CLOSE_BUTTONS.cancel, false)]) {
      let redone = 0;
      g.onClose(() => redone++);
      await settle();
      expect(asked).toHaveLength(0);
      expect(redone).toBe(1);
    }
  });

  it('lets every close through once approved from outside (quit already asked)', () => {
    const { g, asked } = guard(3, CLOSE_BUTTONS.cancel);
    g.approve();
    expect(g.onClose(() => undefined)).toBe(true);
    expect(asked).toHaveLength(0);
  });
});
