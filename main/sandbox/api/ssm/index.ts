/** SSM operations by X-Amz-Target suffix (AmazonSSM.<Operation>). */
import type { HandlerTable } from '../handler.js';
import { describeSessions } from './describe-sessions.js';
import { describeInstanceInformation } from './instances.js';
import { resumeSession, startSession, terminateSession } from './sessions.js';

export const SSM_TARGET_PREFIX = 'AmazonSSM';

export const ssmHandlers: HandlerTable = {
  StartSession: startSession,
  ResumeSession: resumeSession,
  TerminateSession: terminateSession,
  DescribeSessions: describeSessions,
  DescribeInstanceInformation: describeInstanceInformation,
};
