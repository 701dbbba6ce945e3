// The `auth` service: answers to the MFA prompts main/aws raises while opening an assume-role
// profile, and SSO sign-in. The prompts themselves go out as `auth.mfaPrompt` / `auth.ssoPrompt`
// events (wired in main/composition).
import type { MfaPrompts } from '../aws/mfa-prompts.js';
import { plainly } from './plain-error.js';
import type { ServiceImpl } from './service.js';

export interface AuthServiceDeps {
  readonly mfa: MfaPrompts;
  /** Signs a profile in to IAM Identity Center; resolves with the token's expiry (epoch ms). */
  readonly ssoSignIn: (profile: string) => Promise<number>;
  readonly cancelSsoSignIn: (signInId: string) => boolean;
}

export function createAuthService({ mfa, ssoSignIn, cancelSsoSignIn }: AuthServiceDeps): ServiceImpl<'auth'> {
  return {
    respondMfa: (answer) => mfa.respond(answer),
    ssoSignIn: ({ profile }) => plainly(async () => ({ expiresAt: await ssoSignIn(profile) })),
    cancelSsoSignIn: ({ signInId }) => ({ cancelled: cancelSsoSignIn(signInId) }),
  };
}
