// A session's data channel failure told as one sentence a person acts on (what happened, then what
// to do, matching the banner's Restart session and Diagnose), by its cause. The engine's own words
// (the attempts, the WebSocket close code) stay beside it as the status's detail. Keyed by the
// engine's failure causes: main/sessions/shells/status.ts holds this to its FailureCause type, so
// a cause added there without words here fails the typecheck.
export const FAILURE_WORDS = {
  unreachable: 'Porthole lost its connection to Session Manager and could not get it back: check the network, then restart the session.',
  'session-ended': 'The session ended in AWS (terminated, or timed out) while Porthole was reconnecting: restart the session for a new one.',
  'resume-refused': 'AWS refused to resume the session after the network dropped: restart the session, or diagnose the target to check its permissions.',
  handshake: 'The session could not start because its handshake with the agent failed: diagnose the target for the cause.',
  protocol: 'The agent sent a message Porthole could not process, so the session was closed: restart the session, and diagnose the target if it happens again.',
  local: 'The session failed on this computer: restart the session, and diagnose the target if it happens again.',
} as const satisfies Readonly<Record<string, string>>;
