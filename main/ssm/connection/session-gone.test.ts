// How each ResumeSession error ends the channel: a session that is over is "no token" (the
// "timed out" close), a refusal that will repeat is a ResumeRefused saying what was refused, and
// anything else is thrown as is for another attempt.
import { describe, expect, it } from 'vitest';
import { ResumeRefused, resumeErrorOutcome } from './session-gone.js';

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe('resumeErrorOutcome', () => {
  it('DoesNotExistException: the session is over', () => {
    expect(resumeErrorOutcome(awsError('DoesNotExistException', 'Session with id s-1 does not exist.'))).toEqual({ gone: true });
  });

  it('AccessDeniedException: refused for good, naming the missing ssm:ResumeSession permission', () => {
    const outcome = resumeErrorOutcome(awsError('AccessDeniedException', 'User: arn:aws:iam::1:user/u is not authorized to perform: ssm:ResumeSession'));
    expect(outcome.gone).toBe(false);
    const thrown = outcome.gone ? undefined : outcome.throw;
    expect(thrown).toBeInstanceOf(ResumeRefused);
    expect((thrown as Error).message).toMatch(/^cannot reconnect: these credentials lack the ssm:ResumeSession permission.*not authorized/);
  });

  it('InvalidDocument: refused for good, saying it is about the session\'s document, not a timeout', () => {
    const outcome = resumeErrorOutcome(awsError('InvalidDocument', 'Document X is not a Session document.'));
    const thrown = outcome.gone ? undefined : outcome.throw;
    expect(thrown).toBeInstanceOf(ResumeRefused);
    expect((thrown as Error).message).toMatch(/^cannot reconnect: ResumeSession refused the session's document \(InvalidDocument: Document X/);
    expect((thrown as Error).message).not.toMatch(/timed out/);
  });

  it('anything else (throttling, a network error) is thrown as is, for another attempt', () => {
    const error = awsError('ThrottlingException', 'Rate exceeded');
    expect(resumeErrorOutcome(error)).toEqual({ gone: false, throw: error });
    expect(resumeErrorOutcome('not an error')).toEqual({ gone: false, throw: 'not an error' });
  });
});
