import { describe, expect, it } from 'vitest';
import { connectionErrorText, destinationText, editEffectText, failedConnectionsText, localBindNextStep, localBindText, openConnectionsText, removeForwardQuestion, undeclaredPortWarning, type LocalBindProblem } from './forwards.js';

const AGENT = 'Connection to destination port failed, check SSM Agent logs.';

describe('forward wording', () => {
  it('names the destination by target name, and a remote host through the target', () => {
    expect(destinationText({ targetName: 'app', remotePort: 8080 })).toBe('app:8080');
    expect(destinationText({ targetName: 'bastion', remoteHost: 'db.internal', remotePort: 5432 })).toBe('db.internal:5432 via bastion');
  });

  it("turns the agent's refusal into what it means, never its log advice", () => {
    expect(connectionErrorText('nothing-listening', AGENT, { targetName: 'app', remotePort: 9999 })).toBe('Nothing is listening on app:9999.');
    const remote = connectionErrorText('nothing-listening', AGENT, { targetName: 'bastion', remoteHost: 'db.internal', remotePort: 5432 });
    expect(remote).toBe('Nothing is listening on db.internal:5432, or bastion cannot reach it.');
    expect(remote).not.toContain('SSM Agent logs');
    expect(connectionErrorText('other', 'the stream was reset', { targetName: 'app', remotePort: 80 })).toBe('A connection failed: the stream was reset');
  });

  it('counts with the right noun form', () => {
    expect(failedConnectionsText(1)).toBe('1 failed connection');
    expect(failedConnectionsText(3)).toBe('3 failed connections');
    expect(openConnectionsText(0)).toBe('0 connections');
    expect(openConnectionsText(1)).toBe('1 connection');
  });

  it('warns on a port the target does not declare, in singular or plural, and only then', () => {
    expect(undeclaredPortWarning('app', [8080, 9000], 8080)).toBeNull();
    expect(undeclaredPortWarning('app', [8080, 9000], 9999)).toBe('app declares ports 8080 and 9000, not 9999: nothing may be listening on app:9999.');
    expect(undeclaredPortWarning('api', [3000], 80)).toBe('api declares port 3000, not 80: nothing may be listening on api:80.');
    expect(undeclaredPortWarning('worker', [], 80)).toBe('worker declares no ports in its task definition: port 80 may have nothing listening.');
    // An instance (or an unreadable task definition) declares nothing we know: no warning.
    expect(undeclaredPortWarning('bastion', null, 5432)).toBeNull();
  });

  it('asks before cutting open connections, naming the forward and how many', () => {
    expect(removeForwardQuestion('“db”', 1)).toEqual({
      title: 'Remove “db”?',
      message: '1 connection is open through it. Removing the forward cuts it and frees its local port.',
      confirmLabel: 'Remove and cut 1 connection',
    });
    expect(removeForwardQuestion('localhost:15432 → app:5432', 3).message).toBe('3 connections are open through it. Removing the forward cuts them and frees its local port.');
  });

  it('says what saving an edited forward does to it: restart and cut its connections, start it, or leave it stopped', () => {
    expect(editEffectText('running', 'localhost:15432', 2)).toBe('Saving restarts this forward: localhost:15432 closes first, ending the 2 connections open through it.');
    expect(editEffectText('running', 'localhost:15432', 0)).toBe('Saving restarts this forward: localhost:15432 closes first, ending any connection open through it.');
    expect(editEffectText('failed', null, 0)).toBe('Saving starts this forward again on its new settings.');
    expect(editEffectText('stopped', 'localhost:15432', 0)).toBe('It stays stopped with its new settings until you press Start.');
  });

  it('says what went wrong on this computer when a forward cannot listen, each problem in its own words', () => {
    expect(localBindText('port-in-use', '127.0.0.1', 5432)).toBe('Local port 5432 on 127.0.0.1 is already in use by another program on this computer.');
    expect(localBindText('port-privileged', '127.0.0.1', 80)).toBe('Local port 80 is below 1024: on this computer only an administrator may listen on it.');
    expect(localBindText('port-forbidden', '127.0.0.1', 5000)).toBe('This computer does not allow listening on local port 5000 (on 127.0.0.1).');
    expect(localBindText('address-not-local', '10.9.8.7', 5432)).toBe('Cannot listen on 10.9.8.7: that address does not belong to this computer.');
    expect(localBindText('bind-failed', '127.0.0.1', 5432, 'listen EINVAL')).toBe('Cannot listen on 127.0.0.1:5432: listen EINVAL');
    expect(localBindText('bind-failed', '127.0.0.1', 5432)).toBe('Cannot listen on 127.0.0.1:5432.');
  });

  it('advises on the port or address where it can be changed, never the target', () => {
    expect(localBindNextStep('port-in-use', 'form')).toBe('Pick another local port, or leave it empty to let the system pick a free one.');
    expect(localBindNextStep('port-in-use', 'row')).toBe('Stop the program using it, then press Start; or press Edit… and give the forward another local port (empty picks a free one).');
    // Held by another of Porthole's forwards: that forward is what to stop or change, not a program.
    expect(localBindNextStep('port-in-use', 'row', true)).toBe('Stop that forward or give it another local port (its Edit…), then press Start; or press Edit… and give this forward another local port (empty picks a free one).');
    expect(localBindNextStep('port-in-use', 'form', true)).toBe(localBindNextStep('port-in-use', 'form'));
    expect(localBindNextStep('port-privileged', 'form')).toBe('Pick a local port of 1024 or above, or leave it empty to let the system pick a free one.');
    expect(localBindNextStep('port-privileged', 'row')).toBe('Press Edit… and give the forward a local port of 1024 or above (empty picks a free one).');
    expect(localBindNextStep('port-forbidden', 'row')).toBe('Press Edit… and give the forward another local port (empty picks a free one).');
    expect(localBindNextStep('address-not-local', 'row')).toBe('Remove this forward and add it again: a new forward listens on 127.0.0.1, which always works.');
    const problems: LocalBindProblem[] = ['port-in-use', 'port-privileged', 'port-forbidden', 'address-not-local', 'bind-failed'];
    for (const problem of problems) {
      for (const where of ['form', 'row'] as const) expect(localBindNextStep(problem, where), `${problem} in the ${where}`).not.toMatch(/diagnos|target/i);
    }
  });
});
