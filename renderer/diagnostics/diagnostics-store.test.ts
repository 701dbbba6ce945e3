// Running a diagnosis again keeps the last checks in sight, marked stale, until the new ones come:
// emptying the list made the panel's rows jump away and back.
import { describe, expect, it } from 'vitest';
import type { Check, DiagnosisTarget } from '../../shared/contract/index.js';
import type { PortholeClient } from '../bridge/client.js';
import { DiagnosticsStore } from './diagnostics-store.js';

const target: DiagnosisTarget = { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
const other: DiagnosisTarget = { ...target, instanceId: 'i-0fedcba9876543210' };
const check = (id: string, status: Check['status']): Check => ({ id, title: id, status, cause: '', nextStep: '' });

/** A store whose host answers each run when the test says, with the checks (or error) it is given. */
function store(): { store: DiagnosticsStore; answer: (r: { checks: Check[] } | Error) => void } {
  const pending: ((r: { checks: Check[] } | Error) => void)[] = [];
  const client = {
    call: () =>
      new Promise((resolve, reject) => {
        pending.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
      }),
  };
  return { store: new DiagnosticsStore(client as unknown as PortholeClient), answer: (r) => pending.shift()?.(r) };
}

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
});
