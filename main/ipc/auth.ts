// The `auth` service: answers to the MFA prompts main/aws raises while opening an assume-role
// profile. The prompts themselves go out as `auth.mfaPrompt` events (wired in main/composition).
import type { MfaPrompts } from '../aws/mfa-prompts.js';
import type { ServiceImpl } from './service.js';

export interface AuthServiceDeps {
  readonly mfa: MfaPrompts;
}

export function createAuthService({ mfa }: AuthServiceDeps): ServiceImpl<'auth'> {
  return {
    respondMfa: (answer) => mfa.respond(answer),
  };
}
