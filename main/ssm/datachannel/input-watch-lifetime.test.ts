// The input watch has no timer of its own: it ticks with the connection's liveness check (one 1 s
// timer per connection), so a channel keeps no timer before it opens, between connections, or after
// it closes, and nothing is told then. Against a scripted agent; the checks are ticked by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedAgent } from '../../../testing/ssm/scripted-agent.js';
import { ManualTimer } from '../../../testing/ssm/manual-timer.js';
import { DataChannel } from './data-channel.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the input watch ticks only with a connection', () => {
  it('none before open, one while connected (the liveness check), none while reconnecting or after close, and nothing told then', async () => {
    const a = await startScriptedAgent();
    cleanups.push(() => a.close());
    const clock = new ManualTimer();
    // Resume never answers: the channel stays between connections until closed.
    const dc = new DataChannel({ credentials: a.credentials, livenessTimer: clock.timer, resumeSession: () => new Promise<string | undefined>(() => undefined) });
    cleanups.push(() => dc.close());
    const told: Array<number | null> = [];
    dc.on('inputWait', (ms) => told.push(ms));
    expect(clock.running).toBe(0);
    await dc.open();
    await a.connected();
    expect(dc.status).toBe('connected');
    expect(clock.running).toBe(1);
    const reconnecting = new Promise((resolve) => dc.on('status', (s) => s === 'reconnecting' && resolve(s)));
    dc.dropConnection();
    await reconnecting;
    expect(clock.running).toBe(0);
    dc.close();
    expect(clock.running).toBe(0);
    for (let i = 0; i < 20; i++) clock.tick();
    expect(told).toEqual([]);
  });
});
