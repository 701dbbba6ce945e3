// Running a diagnosis again keeps the last checks in sight, marked stale, until the new ones come:
// emptying the list made the panel's rows jump away and back.
import { describe, expect, it } from 'vitest';
import type { Check, DiagnosisTarget } from '../../shared/contract/index.js';
import type { PortholeClient } from '../bridge/client.js';
import { DiagnosticsStore } from './diagnostics-store.js';

const target: DiagnosisTarget = { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
const other: DiagnosisTarget = { ...target, instanceId: 'i-0fedcba9876543210' };
const check = (id: string, status: Check['status']): Check => ({ id, title: id, status, cause: '', nextStep: '' });

type Waiting = { runKey: string; helperWait: string | null };

/**
 * A store whose host answers each run when the test says, with the checks (or error) it is given;
 * `runKeys` are the keys the runs were called with, `wait` sends a diagnostics.waiting event.
 */
function store(): { store: DiagnosticsStore; answer: (r: { checks: Check[] } | Error) => void; runKeys: (string | undefined)[]; wait: (e: Waiting) => void } {
  const pending: ((r: { checks: Check[] } | Error) => void)[] = [];
  const runKeys: (string | undefined)[] = [];
  const listeners: ((e: Waiting) => void)[] = [];
  const client = {
    call: (_service: string, _method: string, params: { runKey?: string }) => {
      runKeys.push(params.runKey);
      return new Promise((resolve, reject) => {
        pending.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
      });
    },
    on: (_service: string, _event: string, listener: (e: Waiting) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  };
  return { store: new DiagnosticsStore(client as unknown as PortholeClient), answer: (r) => pending.shift()?.(r), runKeys, wait: (e) => listeners.forEach((l) => l(e)) };
}

const WORDS = 'Waiting for the credential_process of profile "sandbox": finish any sign-in or key touch it asks for. It is stopped after 300 s.';

describe('DiagnosticsStore', () => {
  it('keeps the previous checks, marked stale, while the same target runs again; then replaces them', async () => {
    const { store: s, answer } = store();
    const first = s.run(target, 'host');
    expect(s.state).toMatchObject({ status: 'running', checks: [], stale: false });
    answer({ checks: [check('agent', 'fail'), check('iam', 'ok')] });
    await first;
    expect(s.state).toMatchObject({ status: 'done', stale: false });

    const again = s.run(target, 'host');
    expect(s.state?.status).toBe('running');
    expect(s.state?.stale).toBe(true);
    expect(s.state?.checks.map((c) => c.id)).toEqual(['agent', 'iam']);
    answer({ checks: [check('agent', 'ok')] });
    await again;
    expect(s.state).toMatchObject({ status: 'done', stale: false });
    expect(s.state?.checks.map((c) => c.id)).toEqual(['agent']);
  });

  it('shows no checks of another target while a new one runs, and none after a failed run', async () => {
    const { store: s, answer } = store();
    const first = s.run(target, 'host');
    answer({ checks: [check('agent', 'fail')] });
    await first;
    const next = s.run(other, 'other host');
    expect(s.state).toMatchObject({ status: 'running', checks: [], stale: false });
    answer(new Error('no route'));
    await next;
    expect(s.state).toMatchObject({ status: 'error', checks: [], stale: false });
  });

  it("says what the running checks wait on (its own run's words only), and stops once main says the helper answered", async () => {
    const { store: s, answer, runKeys, wait } = store();
    const first = s.run(target, 'host');
    const [firstKey] = runKeys;
    if (firstKey === undefined) throw new Error('the run named no runKey');
    wait({ runKey: firstKey, helperWait: WORDS });
    expect(s.state).toMatchObject({ status: 'running', helperWait: WORDS });
    wait({ runKey: firstKey, helperWait: null });
    expect(s.state?.helperWait).toBeNull();
    answer({ checks: [check('agent', 'ok')] });
    await first;

    const second = s.run(target, 'host');
    const secondKey = runKeys[1];
    expect(secondKey).not.toBe(firstKey);
    // A late word of the earlier run is not this run's.
    wait({ runKey: firstKey, helperWait: WORDS });
    expect(s.state?.helperWait).toBeNull();
    wait({ runKey: secondKey ?? '', helperWait: WORDS });
    expect(s.state?.helperWait).toBe(WORDS);
    // The checks came back: nothing is waited on any more.
    answer({ checks: [check('agent', 'ok')] });
    await second;
    expect(s.state).toMatchObject({ status: 'done', helperWait: null });
  });
});
