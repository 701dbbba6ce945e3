// The line under a forward's destination while its start waits on a credential_process: the
// words main sent (as a shell tab says them), before any earlier error; gone once main drops them.
import { describe, expect, it } from 'vitest';
import { ForwardInfoSchema, type ForwardInfo } from '../../shared/contract/index.js';
import { problemOf } from './forward-problem.js';

const WORDS = 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.';
const NO_TARGETS = new Map();

function forward(more: Partial<ForwardInfo>): ForwardInfo {
  return ForwardInfoSchema.parse({
    id: 'f1',
    spec: { target: { kind: 'instance', profile: 'signin', region: 'us-east-1', instanceId: 'i-0a1b2c3d4e5f60002' }, remotePort: 22, localPort: 'auto' },
    localPort: null,
    lastLocalPort: null,
    state: 'starting',
    error: null,
    connectionErrors: { count: 0, last: null },
    ...more,
  });
}

describe('a forward row waiting on a credential_process', () => {
  it('says what it waits on, as a warning, with the same words in its tooltip', () => {
    expect(problemOf(forward({ helperWait: WORDS }), undefined, NO_TARGETS)).toEqual({ text: WORDS, tone: 'warn', title: WORDS });
  });

  it('says it before the error of an earlier start (a restart waiting on the helper)', () => {
    const restarting = forward({ state: 'reconnecting', helperWait: WORDS, error: { message: 'The session ended.' } });
    expect(problemOf(restarting, undefined, NO_TARGETS)?.text).toBe(WORDS);
  });

  it('no longer says it once main sends the row without the words', () => {
    expect(problemOf(forward({}), undefined, NO_TARGETS)).toBeNull();
  });
});
