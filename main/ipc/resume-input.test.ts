// Keys typed across a session's resume, through the router as a window sends them, against the
// sandbox: each reaches the shell exactly once, in order, whichever state the session is in when
// it is sent. The keys go at each state change itself (inside the status message's delivery, as a
// window whose handler types at once would), while ResumeSession is held, and after.
import { describe, expect, it } from 'vitest';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP } from '../../testing/composition/sandbox-app.js';
import { eventually } from '../../testing/composition/test-client.js';

const app = sandboxAppPerFile();

describe('input across a resume', () => {
  it('reaches the shell once, in order, typed at each state change and while reconnecting', async () => {
    const c = app.window();
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24 });
    const id = session.id;
    await c.untilState(id, 'connected');
    c.input(id, 'echo a');
    await c.untilText(id, 'echo a');
    const sandbox = app.porthole.sandbox;
    if (!sandbox) throw new Error('the app runs without its sandbox');
    const sent: string[] = [];
    const off = c.onStatus((sid, status) => {
      if (sid !== id) return;
      // At the state change itself: the first key after the cut, and the first after the resume.
      const key = status.state === 'reconnecting' ? '1' : status.state === 'connected' ? '3' : null;
      if (key === null || sent.includes(key)) return;
      sent.push(key);
      expect(c.input(id, key)).toBeNull();
    });
    try {
      sandbox.apiFaults.set({ rules: [{ operation: 'ssm.ResumeSession', answer: 'hold' }] });
      const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
      sandbox.faults.set(awsId, { actions: [{ do: 'kill-socket' }] });
      await eventually('ResumeSession held', () => sandbox.apiFaults.holding > 0);
      expect(c.lastStatus(id)?.state).toBe('reconnecting');
      // While it reconnects.
      sent.push('2');
      expect(c.input(id, '2')).toBeNull();
      sandbox.apiFaults.set({ rules: [] });
      await c.untilState(id, 'connected');
    } finally {
      off();
      sandbox.apiFaults.set({ rules: [] });
    }
    expect(sent).toEqual(['1', '2', '3']);
    c.input(id, '4\r');
    await c.untilText(id, /^a\d+\r?$/m);
    const text = c.text(id);
    expect(text.match(/^a\d+\r?$/gm)?.map((l) => l.trim())).toEqual(['a1234']);
  });
});
