// Contract forward specs ↔ the manager's: what survives the manager's saved format alone, and
// what needs the target kept beside it.
import { describe, expect, it } from 'vitest';
import { ForwardSpecSchema } from '../../../shared/contract/index.js';
import { DEMO_APP } from '../../../testing/composition/sandbox-app.js';
import { FORWARD_FAILED_NEXT_STEP, FORWARD_RESTART_AFTER, localBindNextStep } from '../../../shared/messages/forwards.js';
import type { ForwardStatus } from '../../sessions/forwards/index.js';
import { contractSpec, forwardInfo, managerSpec, plainError } from './mapping.js';

describe('contractSpec', () => {
  it('rebuilds an instance forward from the manager spec alone', () => {
    const spec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 5432, remoteHost: 'db.internal', localPort: 15432, bindAddress: '0.0.0.0', name: 'db', autoRestart: true });
    expect(contractSpec(managerSpec(spec))).toEqual(spec);
  });

  it('reads an automatic local port back as auto', () => {
    const spec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 22, localPort: 'auto' });
    expect(contractSpec(managerSpec(spec))).toEqual(spec);
  });

  it('needs the saved target for an ECS container name; without it the runtime id stands in', () => {
    const spec = ForwardSpecSchema.parse({ target: DEMO_APP.web, remotePort: 8080, localPort: 'auto' });
    expect(contractSpec(managerSpec(spec), spec.target)).toEqual(spec);
    expect(contractSpec(managerSpec(spec))?.target).toEqual({ ...DEMO_APP.web, taskArn: DEMO_APP.web.taskArn.split('/').pop(), containerName: DEMO_APP.web.runtimeId });
  });

  it('gives up on a spec without profile and region (not written by this app)', () => {
    expect(contractSpec({ target: { kind: 'instance', instanceId: 'i-0123456789abcdef0' }, remotePort: 22 })).toBeNull();
  });
});

describe('plainError', () => {
  const instanceAdvice = 'Run diagnostics: usually the SSM agent stopped or lost its path to ssmmessages (VPC endpoint or NAT), or the instance profile lacks the AmazonSSMManagedInstanceCore permissions. Restarting the SSM agent often helps.';

  it("keeps the failed call's own advice (fitted to an instance) and adds no second, generic one", () => {
    const e = plainError({ state: 'failed', lastError: 'The instance is not connected to Session Manager, so no session could start.', lastErrorNextStep: instanceAdvice, lastBindProblem: undefined });
    expect(e).toEqual({ message: 'The instance is not connected to Session Manager, so no session could start.', nextStep: `${instanceAdvice} ${FORWARD_RESTART_AFTER}` });
    expect(e?.nextStep).not.toMatch(/task role/);
    expect(e?.nextStep?.match(/diagnostics/g)).toHaveLength(1);
  });

  it('advises diagnostics once when the call said nothing, and nothing for a forward still retrying without advice', () => {
    expect(plainError({ state: 'failed', lastError: 'the websocket closed', lastErrorNextStep: undefined, lastBindProblem: undefined })).toEqual({ message: 'the websocket closed', nextStep: FORWARD_FAILED_NEXT_STEP });
    expect(plainError({ state: 'restarting', lastError: 'the websocket closed', lastErrorNextStep: undefined, lastBindProblem: undefined })).toEqual({ message: 'the websocket closed' });
    expect(plainError({ state: 'active', lastError: undefined, lastErrorNextStep: undefined, lastBindProblem: undefined })).toBeNull();
  });
});

describe('plainError of a forward whose auto-restart gave up', () => {
  it('says first that it gave up, then the failure, why it will not retry, the advice and to start it again', () => {
    const denied = plainError({ state: 'failed', lastError: 'AWS denied ssm:StartSession.', lastErrorNextStep: 'Ask an administrator to allow ssm:StartSession.', lastBindProblem: undefined, gaveUp: 'cannot-heal' });
    expect(denied).toEqual({ message: 'Auto-restart gave up: AWS denied ssm:StartSession.', nextStep: 'Trying again would fail the same way. Ask an administrator to allow ssm:StartSession. Then start the forward again.' });
    const unplugged = plainError({ state: 'failed', lastError: 'The container is not connected to Session Manager.', lastErrorNextStep: undefined, lastBindProblem: undefined, gaveUp: 'did-not-heal' });
    expect(unplugged).toEqual({ message: 'Auto-restart gave up: The container is not connected to Session Manager.', nextStep: `It was tried for 30 minutes. ${FORWARD_FAILED_NEXT_STEP}` });
  });

  it('on a task that stopped, says ECS\'s reason and what to do, not to diagnose it or start it again', () => {
    const stopped = plainError({ state: 'failed', lastError: 'The task stopped (Task stopped by user); start the forward on a running task.', lastErrorNextStep: undefined, lastBindProblem: undefined, gaveUp: 'target-gone' });
    expect(stopped).toEqual({ message: 'Auto-restart gave up: The task stopped (Task stopped by user); start the forward on a running task.' });
  });
});

describe('plainError of a forward that could not listen locally', () => {
  it('says what to do on this computer, never to diagnose the target', () => {
    const taken = plainError({ state: 'failed', lastError: 'Local port 5432 on 127.0.0.1 is already in use by another program on this computer.', lastErrorNextStep: undefined, lastBindProblem: 'port-in-use' });
    expect(taken).toEqual({
      message: 'Local port 5432 on 127.0.0.1 is already in use by another program on this computer.',
      nextStep: 'Stop the program using it, then press Start; or press Edit… and give the forward another local port (empty picks a free one).',
    });
    for (const problem of ['port-in-use', 'port-privileged', 'port-forbidden', 'address-not-local', 'bind-failed'] as const) {
      const e = plainError({ state: 'failed', lastError: 'cannot listen', lastErrorNextStep: undefined, lastBindProblem: problem });
      expect(e?.nextStep, problem).toBe(localBindNextStep(problem, 'row'));
      expect(e?.nextStep, problem).not.toMatch(/diagnos|target/i);
    }
  });
});

describe('forwardInfo', () => {
  const spec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 22, localPort: 'auto' });
  const status = (state: ForwardStatus['state'], localPort: number | undefined): ForwardStatus => ({ state, localPort, connectionErrors: 0 }) as unknown as ForwardStatus;

  it('keeps the last bound port of a stopped or failed forward, so a reloaded window shows where Start listens', () => {
    expect(forwardInfo('f1', spec, status('active', 40123))).toMatchObject({ localPort: 40123, lastLocalPort: 40123 });
    expect(forwardInfo('f1', spec, status('stopped', 40123))).toMatchObject({ localPort: null, lastLocalPort: 40123 });
    expect(forwardInfo('f1', spec, status('failed', 40123))).toMatchObject({ localPort: null, lastLocalPort: 40123 });
  });

  it('has no last port before an automatic port was ever bound', () => {
    expect(forwardInfo('f1', spec, status('stopped', 0))).toMatchObject({ localPort: null, lastLocalPort: null });
    expect(forwardInfo('f1', spec, status('stopped', undefined))).toMatchObject({ localPort: null, lastLocalPort: null });
  });
});
