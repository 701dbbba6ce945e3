/**
 * Adapters that hand launches to the engine and the session/forward managers: a StartSession
 * function bound to a profile and region (the forward manager's `startSession`), and a launch
 * result turned into the StartedSession shape they take (credentials + resume + terminate).
 */
import { StartSessionCommand } from '@aws-sdk/client-ssm';
import type { StartPortSession, StartedSession } from '../../sessions/forwards/types.js';
import type { StartSessionInput } from '../../ssm/port/index.js';
import { AwsError } from '../errors.js';
import { toAwsError } from '../error-map.js';
import type { ProfileSession } from '../profile-session.js';
import { resumeSessionFn, terminateSession } from './launch.js';
import type { LaunchResult } from './types.js';

/** A launch as the managers take it: the three session fields plus resume/terminate for its region. */
export function startedSession(session: ProfileSession, r: LaunchResult): StartedSession {
  return {
    credentials: { sessionId: r.sessionId, streamUrl: r.streamUrl, tokenValue: r.tokenValue },
    resumeSession: resumeSessionFn(session, r.region),
    terminateSession: (id) => terminateSession(session, r.region, id),
  };
}

/** The forward manager's `startSession`, calling SSM StartSession with this profile's credentials and endpoint. */
export function portSessionStarter(session: ProfileSession, region?: string): StartPortSession {
  const r = session.region(region);
  return async (input: StartSessionInput) => {
    try {
      const out = await session.ssm(r).send(new StartSessionCommand({ Target: input.Target, DocumentName: input.DocumentName, Parameters: input.Parameters }));
      if (!out.SessionId || !out.StreamUrl || !out.TokenValue) {
        throw new AwsError({ code: 'unknown', sentence: 'SSM StartSession answered without a session.', nextStep: 'Try again; if it persists, check the endpoint configured for the profile.' });
      }
      return {
        credentials: { sessionId: out.SessionId, streamUrl: out.StreamUrl, tokenValue: out.TokenValue },
        resumeSession: resumeSessionFn(session, r),
        terminateSession: (id) => terminateSession(session, r, id),
      };
    } catch (err) {
      throw toAwsError(err, { profile: session.name, region: r, operation: `SSM StartSession (${input.DocumentName})`, sso: session.profile.sso !== null });
    }
  };
}
