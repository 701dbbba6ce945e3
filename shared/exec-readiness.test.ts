// Every not-ready reason's steps read as whole sentences in each place they are shown: the tree's
// details and a forward's refusal (nextStep, which may send the reader on to Diagnose) and
// Diagnose's own findings (nextStepInDiagnosis, which never sends them back to it).
import { describe, expect, it } from 'vitest';
import { execReadiness, readinessWithoutRuntimeId, type ExecFacts, type ExecNotReady } from './exec-readiness.js';

const RUNNING: ExecFacts = { containerStatus: 'RUNNING', execEnabled: true, runtimeId: 'abc123', agentStatus: 'RUNNING' };

/** One of each reason a container is not ready. */
const NOT_READY: ReadonlyArray<[string, ExecNotReady]> = [
  ['pending', execReadiness({ ...RUNNING, containerStatus: 'PENDING' }) as ExecNotReady],
  ['stopping', execReadiness({ ...RUNNING, taskDesiredStatus: 'STOPPED' }) as ExecNotReady],
  ['not enabled', execReadiness({ ...RUNNING, execEnabled: false }) as ExecNotReady],
  ['not known enabled, no agent', execReadiness({ ...RUNNING, execEnabled: undefined, agentStatus: null }) as ExecNotReady],
  ['no runtime id', readinessWithoutRuntimeId(RUNNING)],
  ['no agent', execReadiness({ ...RUNNING, agentStatus: null }) as ExecNotReady],
  ['agent starting', execReadiness({ ...RUNNING, agentStatus: 'PENDING' }) as ExecNotReady],
  ['agent down', execReadiness({ ...RUNNING, agentStatus: 'STOPPED', agentReason: 'exited' }) as ExecNotReady],
];

/** Starts with a capital, ends with a full stop, no doubled or stray punctuation. */
const SENTENCES = /^[A-Z][^]*[.]$/;
const STRAY = /\.\.|;\s*\.|\.\s*;|\s[.;,]|\. [a-z]/;

describe('exec readiness steps', () => {
  it.each(NOT_READY)('%s: both steps are whole sentences, and only the one outside Diagnose names it', (_name, r) => {
    expect(r.ready).toBe(false);
    for (const step of [r.nextStep, r.nextStepInDiagnosis]) {
      expect(step).toMatch(SENTENCES);
      expect(step).not.toMatch(STRAY);
    }
    expect(r.nextStepInDiagnosis).not.toMatch(/diagnose/i);
    // Said in the tree's details and a forward's refusal after the reason.
    expect(`${r.reason} ${r.nextStep}`).not.toMatch(STRAY);
  });

  it('no agent: in Diagnose the step still says what to look at when new tasks show the same', () => {
    const r = execReadiness({ ...RUNNING, agentStatus: null });
    expect(r.nextStep).toBe('Start a new task; if new tasks show the same, run Diagnose on the container for the cause.');
    expect(r.nextStepInDiagnosis).toBe("Start a new task; if new tasks show the same, check the task role's ssmmessages permissions and the network path to ssmmessages.");
  });

  it('no runtime id and agent down: outside Diagnose the step adds Diagnose as a sentence of its own', () => {
    const noId = readinessWithoutRuntimeId(RUNNING);
    expect(noId.nextStep).toBe(`${noId.nextStepInDiagnosis} Run Diagnose on the container for the cause.`);
    expect(noId.nextStepInDiagnosis).toBe('Refresh in a few seconds; if it stays that way, the ECS agent on the host is not reporting the container.');
    const down = execReadiness({ ...RUNNING, agentStatus: 'STOPPED' });
    expect(down.nextStep).toBe('Usually the task role lacks ssmmessages permissions or there is no network path to ssmmessages. Run Diagnose on the container for the cause.');
  });
});
