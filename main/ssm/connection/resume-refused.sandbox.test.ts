// The app's ResumeSession callback (resume-ssm.ts) on a data channel whose connection drops, for a
// caller without the ssm:ResumeSession permission (the sandbox's access-denied API fault): the
// channel fails at once saying which permission is missing, after one call, instead of ending with
// "timed out" (what a session that is over gets) or spending its attempts on a refusal that repeats.
// Real sandbox, websockets and SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { within } from '../../../testing/vitest/bounded.js';
import { DataChannel } from '../datachannel/data-channel.js';
import type { CloseReason } from '../datachannel/types.js';
import { ssmResumeSession } from './resume-ssm.js';

/** The gateway kills the client's websocket this often (the first kill is the drop under test). */
const KILL_EVERY_MS = 200;

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

describe('a dropped connection when ResumeSession is denied', () => {
  it('fails the channel at once, naming ssm:ResumeSession, never "timed out"', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    const dc = new DataChannel({ credentials: creds, target: creds.target, resumeSession: ssmResumeSession(h.ssm) });
    const closed = new Promise<CloseReason>((resolve) => dc.on('closed', resolve));
    await within('the channel to open', dc.open());
    h.sandbox.apiFaults.set({ rules: [{ operation: 'ssm.ResumeSession', answer: 'access-denied' }] });
    try {
      const before = h.sandbox.stats.byOperation['ssm.ResumeSession'] ?? 0;
      h.gateway.faults.set(creds.sessionId, { killSocketEveryMs: KILL_EVERY_MS });
      const reason = await within('the channel to close', closed);
      expect(reason.kind).toBe('failed');
      expect(reason.message).toMatch(/lack the ssm:ResumeSession permission.*AccessDeniedException/);
      expect(reason.message).not.toMatch(/timed out/);
      expect((h.sandbox.stats.byOperation['ssm.ResumeSession'] ?? 0) - before).toBe(1);
    } finally {
      h.sandbox.apiFaults.set({ rules: [] });
      dc.close();
    }
  });
});
