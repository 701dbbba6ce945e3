// The JSON control surface: validation with clear errors, default vs per-session specs, and
// actions queued until a session goes live.
import { describe, expect, it } from 'vitest';
import { FaultController, type FaultTarget } from './controller.js';
import type { FaultAction, FaultSpec } from './spec.js';

function recorder(): FaultTarget & { specs: FaultSpec[]; actions: FaultAction[] } {
  const specs: FaultSpec[] = [];
  const actions: FaultAction[] = [];
  return { specs, actions, reconfigure: (s) => specs.push(s), run: (a) => actions.push(a) };
}

describe('FaultController', () => {
  it('rejects malformed control JSON with a message naming the problem, never throwing', () => {
    const c = new FaultController();
    const bad = c.apply({ sessionId: 's', faults: { toClient: { drop: 2 } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^invalid fault spec: .*drop/s);
    expect(c.apply({ faults: {} }).ok).toBe(false);
    expect(c.apply('nonsense').ok).toBe(false);
    expect(c.apply({ sessionId: 's', faults: { actions: [{ do: 'explode' }] } }).ok).toBe(false);
  });

  it('applies knobs at once to a live session and runs its actions', () => {
    const c = new FaultController();
    const t = recorder();
    c.register('s1', t);
    const r = c.apply({ sessionId: 's1', faults: { toClient: { drop: 0.5 }, actions: [{ do: 'kill-socket' }] } });
    expect(r).toEqual({ ok: true, scope: 'session', sessionId: 's1', actionsRun: 1, actionsQueued: 0 });
    expect(t.specs.at(-1)?.toClient).toMatchObject({ drop: 0.5, duplicate: 0, reorderWindow: 0, delayMs: 0, spareHandshake: true });
    expect(t.actions).toEqual([{ do: 'kill-socket' }]);
  });

  it('queues actions for a session that is not live yet, and gives new sessions the default', () => {
    const c = new FaultController();
    expect(c.apply({ sessionId: 'later', faults: { actions: [{ do: 'pause-publication' }] } })).toMatchObject({ actionsQueued: 1 });
    expect(c.apply({ default: true, faults: { toAgent: { duplicate: 1 } } })).toMatchObject({ ok: true, scope: 'default' });
    const later = recorder();
    c.register('later', later);
    expect(later.actions).toEqual([{ do: 'pause-publication' }]);
    expect(later.specs.at(-1)?.toAgent).toBeUndefined(); // its own spec wins over the default
    const fresh = recorder();
    c.register('fresh', fresh);
    expect(fresh.specs.at(-1)?.toAgent?.duplicate).toBe(1);
    c.clear();
    expect(c.specFor('fresh')).toBeUndefined();
  });
});
