import { describe, expect, it } from 'vitest';
import { connectionErrorText, destinationText, failedConnectionsText, openConnectionsText, removeForwardQuestion, undeclaredPortWarning } from './forwards.js';

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
});
