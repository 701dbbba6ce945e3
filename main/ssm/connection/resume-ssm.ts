// ssm:ResumeSession as the data channel's `resumeSession` callback (protocol §9).
import { ResumeSessionCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { Connection } from './constants.js';
import { resumeErrorOutcome } from './session-gone.js';

/**
 * Returns the new TokenValue, or undefined when the session no longer exists (the channel then
 * closes with "timed out"); a refusal that will repeat (no ssm:ResumeSession permission) throws
 * ResumeRefused, which ends the channel at once saying so; other errors throw, so the channel
 * retries with backoff (session-gone.ts). Each attempt
 * waits at most `requestTimeoutMs` for an answer (Connection.RESUME_REQUEST_TIMEOUT_MS).
 */
export function ssmResumeSession(client: SSMClient, requestTimeoutMs: number = Connection.RESUME_REQUEST_TIMEOUT_MS): (sessionId: string) => Promise<string | undefined> {
  return async (sessionId) => {
    try {
      const out = await client.send(new ResumeSessionCommand({ SessionId: sessionId }), { requestTimeout: requestTimeoutMs });
      return out.TokenValue || undefined;
    } catch (error) {
      const outcome = resumeErrorOutcome(error);
      if (outcome.gone) return undefined;
      throw outcome.throw;
    }
  };
}
