// The liveness check's rules on their own, time counted in ticks of a hand-driven timer: when it
// probes, when silence ends the connection, and what does not count as silence (a backlog still
// draining, reading paused, anything at all received).
import { describe, expect, it } from 'vitest';
import { ManualTimer } from '../../../testing/ssm/manual-timer.js';
import { Liveness, LivenessCheck, SILENCE_BOUND_TICKS } from './liveness.js';

const PROBE_TICKS = Liveness.PROBE_AFTER_QUIET_MS / Liveness.TICK_MS;
const DEAD_TICKS = Liveness.DEAD_AFTER_UNANSWERED_MS / Liveness.TICK_MS;

function check(): { live: LivenessCheck; clock: ManualTimer; pings: () => number; dead: () => number | undefined; setBacklog(n: number): void } {
  const clock = new ManualTimer();
  let pings = 0;
  let dead: number | undefined;
  let backlog = 0;
  const live = new LivenessCheck({ ping: () => void pings++, backlog: () => backlog, dead: (ms) => void (dead = ms) }, clock.timer);
  return { live, clock, pings: () => pings, dead: () => dead, setBacklog: (n) => void (backlog = n) };
}

/** Ticks until `dead` fires (at most `limit`); returns how many it took, or undefined. */
function ticksUntilDead(c: ReturnType<typeof check>, limit: number): number | undefined {
  for (let i = 1; i <= limit; i++) {
    c.clock.tick();
    if (c.dead() !== undefined) return i;
  }
  return undefined;
}

describe('LivenessCheck', () => {
  it('pings on opening, probes only after PROBE_AFTER_QUIET_MS of silence, and ends a silent peer within the bound', () => {
    const c = check();
    expect(c.pings()).toBe(1); // on opening, as the plugin
    for (let i = 1; i < PROBE_TICKS; i++) c.clock.tick();
    expect(c.pings()).toBe(1);
    c.clock.tick();
    expect(c.pings()).toBe(2);
    expect(c.live.awaitingReply).toBe(true);
    const more = ticksUntilDead(c, SILENCE_BOUND_TICKS);
    expect(more).toBe(DEAD_TICKS);
    expect(PROBE_TICKS + (more ?? 0)).toBeLessThanOrEqual(SILENCE_BOUND_TICKS);
    expect(c.dead()).toBe((PROBE_TICKS + DEAD_TICKS) * Liveness.TICK_MS);
    expect(c.clock.running).toBe(0); // it stopped itself
  });

  it('anything received resets the wait, even just before the verdict', () => {
    const c = check();
    for (let round = 0; round < 5; round++) {
      for (let i = 1; i < PROBE_TICKS + DEAD_TICKS; i++) c.clock.tick();
      c.live.heard(); // a pong, a frame or an ack in the last tick before the end
      c.clock.tick();
      expect(c.live.awaitingReply).toBe(false);
    }
    expect(c.dead()).toBeUndefined();
    // A peer that answers every probe is pinged about once per PROBE_AFTER_QUIET_MS.
    expect(c.pings()).toBeGreaterThanOrEqual(5);
  });

  it('a probe held behind our own draining backlog (a big paste on a slow uplink) is not silence', () => {
    const c = check();
    let backlog = 50 * 1024 * 1024;
    c.setBacklog(backlog);
    for (let i = 0; i < PROBE_TICKS; i++) c.clock.tick();
    expect(c.live.awaitingReply).toBe(true);
    // Nothing comes back for ten times the bound, but the peer keeps taking our bytes.
    for (let i = 0; i < 10 * SILENCE_BOUND_TICKS; i++) {
      backlog -= 64 * 1024;
      c.setBacklog(backlog);
      c.clock.tick();
    }
    expect(c.dead()).toBeUndefined();
    // The peer stops taking them too: that is silence, judged from then on.
    expect(ticksUntilDead(c, SILENCE_BOUND_TICKS)).toBe(DEAD_TICKS);
  });

  it('judges nothing while reading is paused, keeps pinging at the keepalive rate, and gives a fresh interval on resume', () => {
    const c = check();
    c.live.pause();
    const keepaliveTicks = Liveness.KEEPALIVE_MS / Liveness.TICK_MS;
    for (let i = 0; i < 2 * keepaliveTicks; i++) c.clock.tick();
    expect(c.dead()).toBeUndefined();
    expect(c.pings()).toBe(3); // on opening, then one per keepalive interval
    c.live.resume();
    for (let i = 1; i < PROBE_TICKS; i++) c.clock.tick();
    expect(c.live.awaitingReply).toBe(false); // the interval started again at the resume
    expect(ticksUntilDead(c, SILENCE_BOUND_TICKS)).toBe(DEAD_TICKS + 1); // the probe's tick, then its wait
  });

  it('pings at least once per keepalive interval while traffic flows, without ever ending it', () => {
    const c = check();
    const keepaliveTicks = Liveness.KEEPALIVE_MS / Liveness.TICK_MS;
    for (let i = 0; i < 3 * keepaliveTicks; i++) {
      c.live.heard();
      c.clock.tick();
    }
    expect(c.pings()).toBe(4);
    expect(c.dead()).toBeUndefined();
  });
});
