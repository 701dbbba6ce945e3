// How a ResumeSession error ends the channel (§9). Shared by the app's callback (resume-ssm.ts) and
// the drop-in's (cli/plugin/aws-calls.ts); no imports, so the drop-in does not load the SDK for it.
//
// - DoesNotExistException (what the API documents for a session that ended or never existed): the
//   session is over, told as "no token", so the channel ends at once with "timed out", as the plugin
//   does when ResumeSession gives no token.
// - AccessDeniedException and InvalidDocument: the session may well be alive, but resuming again
//   cannot get past the refusal. The channel ends at once with a failure that says what was refused
//   (ResumeRefused), never "timed out": a user missing ssm:ResumeSession would otherwise be told
//   their session timed out at the first network blip.
// - Anything else (throttling, a network error, a timeout) throws as is: the channel tries again.

/** The error the API documents for a session that ended or never existed. */
const SESSION_GONE = 'DoesNotExistException';

/**
 * ResumeSession was refused for good: the channel closes at once with this message instead of
 * spending its attempts on a call that cannot succeed.
 */
export class ResumeRefused extends Error {
  override readonly name = 'ResumeRefused';
}

export function isSessionGone(error: unknown): boolean {
  return error instanceof Error && error.name === SESSION_GONE;
}

/** What to tell for a refusal ResumeSession will repeat, by AWS error name; undefined: try again. */
function refusal(name: string, awsMessage: string): string | undefined {
  switch (name) {
    case 'AccessDeniedException':
      return `cannot reconnect: these credentials lack the ssm:ResumeSession permission, which reconnecting after a network drop needs (AccessDeniedException: ${awsMessage})`;
    case 'InvalidDocument':
      // Not an error ResumeSession documents; a refusal about the session's document all the same.
      return `cannot reconnect: ResumeSession refused the session's document (InvalidDocument: ${awsMessage})`;
    default:
      return undefined;
  }
}

/**
 * The ResumeSession callbacks' error handling: undefined (no token, the channel ends with "timed
 * out") for a session that is over; a ResumeRefused to throw for a refusal that will repeat; the
 * error itself, to throw, for anything worth another attempt.
 */
export function resumeErrorOutcome(error: unknown): { gone: true } | { gone: false; throw: unknown } {
  if (isSessionGone(error)) return { gone: true };
  const told = error instanceof Error ? refusal(error.name, error.message) : undefined;
  return { gone: false, throw: told === undefined ? error : new ResumeRefused(told) };
}
