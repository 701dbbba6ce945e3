// ResumeSession errors that mean the session is over for good (§9): resuming again cannot help,
// so the channel ends at once with "timed out", as the plugin does, instead of spending its
// attempts. Shared by the app's callback (resume-ssm.ts) and the drop-in's (cli/plugin/aws-calls.ts);
// no imports, so the drop-in does not load the SDK for it.

/** DoesNotExistException is what the API documents for a session that ended or never existed. */
const SESSION_GONE = new Set(['DoesNotExistException', 'InvalidDocument', 'AccessDeniedException']);

export function isSessionGone(error: unknown): boolean {
  return error instanceof Error && SESSION_GONE.has(error.name);
}
