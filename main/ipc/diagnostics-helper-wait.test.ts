// A diagnosis whose profile's credential_process waits on the person (a browser sign-in): the
// window that asked is told, by its run key, that the checks wait on the helper (the words a shell
// tab says), then that they no longer do; the checks come back once the helper answered. Through
// the router, so the contract validates the call and the events.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ToRendererControl } from '../../shared/contract/index.js';
import { startSignInHelper, type SignInHelper } from '../../testing/aws/sign-in-helper.js';
import { AwsService } from '../aws/aws-service.js';
import { createDiagnosticsService } from './diagnostics.js';
import { Router, type ClientTransport } from './router.js';

const WORDS = 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.';
/** How long the test waits for an event it expects: the helper's shell start under load, never a measured figure. */
const EVENT_WAIT = { timeout: 20_000, interval: 20 };

class RecordingTransport implements ClientTransport {
  readonly control: ToRendererControl[] = [];
  sendControl(msg: ToRendererControl): void {
    this.control.push(msg);
  }
  sendData(): void {}
  /** The diagnostics.waiting payloads sent to this window, in order. */
  waiting(): unknown[] {
    return this.control.flatMap((m) => (m.type === 'event' && m.service === 'diagnostics' && m.event === 'waiting' ? [m.payload] : []));
  }
}

let helper: SignInHelper;

beforeAll(async () => {
  helper = await startSignInHelper('porthole-diagnose-helper-');
});
afterAll(() => helper.stop());

describe('a diagnosis waiting on a credential_process', () => {
  it('tells the window that runs it, by its run key, while the checks wait on the helper, then that they no longer do', async () => {
    helper.reset();
    const aws = new AwsService({ env: helper.env });
    const router = new Router();
    router.register('diagnostics', createDiagnosticsService({ aws }));
    const mine = new RecordingTransport();
    const other = new RecordingTransport();
    const c = router.connect(mine);
    router.connect(other);
    try {
      const target = { kind: 'instance', profile: 'work', region: helper.sandbox.region, instanceId: 'i-0a1b2c3d4e5f60002' };
      const run = c.handleControl({ type: 'request', id: 1, service: 'diagnostics', method: 'run', params: { target, runKey: 'diagnosis-1' } });
      await vi.waitFor(() => expect(mine.waiting()).toEqual([{ runKey: 'diagnosis-1', helperWait: WORDS }]), EVENT_WAIT);
      helper.finish();
      const res = await run;
      expect(res).toMatchObject({ ok: true, result: { checks: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]) } });
      expect(mine.waiting()).toEqual([{ runKey: 'diagnosis-1', helperWait: WORDS }, { runKey: 'diagnosis-1', helperWait: null }]);
      // Another window was not running it.
      expect(other.waiting()).toEqual([]);
    } finally {
      helper.finish();
      aws.close();
    }
  });
});
