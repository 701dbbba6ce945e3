// The liveness check's rules on their own, time counted in ticks of a hand-driven timer: when it
// probes, when silence ends the connection, and what does not count as silence (a backlog still
// draining, reading paused, anything at all received), and the longer limit for a peer never seen
// to answer a ping (the real gateway may never pong).
import { describe, expect, it } from 'vitest';
import { ManualTimer } from '../../../testing/ssm/manual-timer.js';
import { Liveness, LivenessCheck, NO_PONG_SILENCE_BOUND_TICKS, SILENCE_BOUND_TICKS } from './liveness.js';

const PROBE_TICKS = Liveness.PROBE_AFTER_QUIET_MS / Liveness.TICK_MS;
const DEAD_TICKS = Liveness.DEAD_AFTER_UNANSWERED_MS / Liveness.TICK_MS;

/**
 * A check on a hand-driven timer. `ponged`: the peer answered the opening ping, read within the
 * first tick (the short limit applies from then on).
 */
function check(ponged: boolean): { live: LivenessCheck; clock: ManualTimer; pings: () => number; dead: () => number | undefined; setBacklog(n: number): void } {
  const clock = new ManualTimer();
  let pings = 0;
  let dead: number | undefined;
  let backlog = 0;
  const live = new LivenessCheck({ ping: () => void pings++, backlog: () => backlog, dead: (ms) => void (dead = ms) }, clock.timer);
  if (ponged) {
    live.pongSeen();
    clock.tick();
  }
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
    const c = check(true);
    expect(c.pings()).toBe(1); // on opening, as the plugin
    for (let i = 1; i < PROBE_TICKS; i++) c.clock.tick();
    expect(c.pings()).toBe(1);
    c.clock.tick();
    expect(c.pings()).toBe(2); // the probe
    const more = ticksUntilDead(c, SILENCE_BOUND_TICKS);
    expect(more).toBe(DEAD_TICKS);
    expect(PROBE_TICKS + (more ?? 0)).toBeLessThanOrEqual(SILENCE_BOUND_TICKS);
    expect(c.dead()).toBe((PROBE_TICKS + DEAD_TICKS) * Liveness.TICK_MS);
    expect(c.clock.running).toBe(0); // it stopped itself
  });

  it('keeps a peer that never pongs past the short bound; only a probe unanswered for the keepalive interval ends it', () => {
    const c = check(false);
    // An idle session on a gateway that does not answer pings: probed, unanswered, and kept.
    expect(ticksUntilDead(c, SILENCE_BOUND_TICKS)).toBeUndefined();
    expect(c.pings()).toBe(2); // the opening ping and one probe
    // The old keepalive rule still holds: a ping unanswered across KEEPALIVE_MS is a dead peer.
    expect(ticksUntilDead(c, NO_PONG_SILENCE_BOUND_TICKS)).toBeDefined();
    expect(c.dead()).toBe((PROBE_TICKS + Liveness.KEEPALIVE_MS / Liveness.TICK_MS) * Liveness.TICK_MS);
  });

  it('a peer that never pongs is still heard through anything else it sends, and kept for good', () => {
    const c = check(false);
    for (let i = 0; i < 3 * NO_PONG_SILENCE_BOUND_TICKS; i++) {
      if (i % PROBE_TICKS === 0) c.live.heard(); // the gateway's own pings, or output
      c.clock.tick();
    }
    expect(c.dead()).toBeUndefined();
  });

  it('a peer that ponged once and then goes silent is ended within the short bound', () => {
    const c = check(false);
    for (let i = 0; i < PROBE_TICKS; i++) c.clock.tick(); // probed, and this time it answers
    c.live.pongSeen();
    expect(ticksUntilDead(c, SILENCE_BOUND_TICKS)).toBeDefined();
    expect(c.dead()).toBeLessThanOrEqual(SILENCE_BOUND_TICKS * Liveness.TICK_MS);
  });

  it('anything received resets the wait, even just before the verdict', () => {
    const c = check(true);
    for (let round = 0; round < 5; round++) {
      for (let i = 1; i < PROBE_TICKS + DEAD_TICKS; i++) c.clock.tick();
      c.live.heard(); // a pong, a frame or an ack in the last tick before the end
      c.clock.tick();
    }
    expect(c.dead()).toBeUndefined();
    // A peer that answers every probe is pinged about once per PROBE_AFTER_QUIET_MS.
    expect(c.pings()).toBeGreaterThanOrEqual(5);
  });

  it('a probe held behind our own draining backlog (a big paste on a slow uplink) is not silence', () => {
    const c = check(true);
    let backlog = 50 * 1024 * 1024;
    c.setBacklog(backlog);
    for (let i = 0; i < PROBE_TICKS; i++) c.clock.tick();
    expect(c.pings()).toBe(2); // the probe is out
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
    const c = check(true);
    c.live.pause();
    const keepaliveTicks = Liveness.KEEPALIVE_MS / Liveness.TICK_MS;
    for (let i = 0; i < 2 * keepaliveTicks; i++) c.clock.tick();
    expect(c.dead()).toBeUndefined();
    expect(c.pings()).toBe(3); // on opening, then one per keepalive interval
    c.live.resume();
    for (let i = 1; i < PROBE_TICKS; i++) c.clock.tick();
    expect(c.pings()).toBe(3); // no probe yet: the interval started again at the resume
    expect(ticksUntilDead(c, SILENCE_BOUND_TICKS)).toBe(DEAD_TICKS + 1); // the probe's tick, then its wait
  });

  it('pings at least once per keepalive interval while traffic flows, without ever ending it', () => {
    const c = check(true);
    const keepaliveTicks = Liveness.KEEPALIVE_MS / Liveness.TICK_MS;
    for (let i = 0; i < 3 * keepaliveTicks; i++) {
      c.live.heard();
      c.clock.tick();
    }
    expect(c.pings()).toBe(4);
    expect(c.dead()).toBeUndefined();
  });
});
