// FirstPicks: a reply waits for the pick its start began, and only for one it began; the pick's end
// (or its wait on a person) releases it.
import { describe, expect, it } from 'vitest';
import { FirstPicks } from './first-pick.js';

describe('a reply waiting on a following forward\'s first pick', () => {
  it('waits for the pick its start began, until the pick releases it', async () => {
    const picks = new FirstPicks();
    let release: () => void = () => undefined;
    let replied = false;
    const reply = picks
      .around('f1', async () => {
        release = picks.began('f1');
        return 'started';
      })
      .then((out) => {
        replied = true;
        return out;
      });
    // The start has returned; the reply still waits on the pick.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(replied).toBe(false);
    release();
    expect(await reply).toBe('started');
  });

  it('does not wait when the start began no pick (a pinned forward, a forward already running)', async () => {
    const picks = new FirstPicks();
    expect(await picks.around('f1', async () => 'started')).toBe('started');
  });
});
