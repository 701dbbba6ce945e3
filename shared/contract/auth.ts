// `auth`: prompts main needs answered by a person (an MFA code for assume-role). Credentials
// themselves never cross into the renderer; only the one-time code travels, renderer → main.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { IdSchema, ProfileNameSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

/** TOTP codes are 6 digits; some hardware tokens use 8. */
export const MfaCodeSchema = lazySchema(() => z.string().regex(/^\d{6,8}$/, 'must be the 6-digit code from your MFA device'));

export const MfaPromptSchema = lazySchema(() => z.object({
  promptId: IdSchema,
  profile: ProfileNameSchema,
  /** The device's ARN or serial from mfa_serial, shown so the person knows which device to use. */
  mfaSerial: TextSchema.min(1),
  roleArn: TextSchema.nullable(),
}));
export type MfaPrompt = z.infer<typeof MfaPromptSchema>;

/** An SSO device sign-in waiting for the person: the code to confirm and the page to confirm it on. */
export const SsoPromptSchema = lazySchema(() => z.object({
  signInId: IdSchema,
  profile: ProfileNameSchema,
  /** Shown in the app and on AWS's page, so the person can check they match. */
  userCode: TextSchema.min(1).max(64),
  verificationUri: z.url({ protocol: /^https?$/ }),
  /** The page with the code filled in (what the app opens). */
  verificationUriComplete: z.url({ protocol: /^https?$/ }),
  /** Epoch ms after which the code no longer works. */
  expiresAt: z.number().int().nonnegative(),
}));
export type SsoPrompt = z.infer<typeof SsoPromptSchema>;

export const authService = defineService({
  methods: {
    /** Answers a prompt with a code, or cancels it (the waiting operation then fails in plain words). */
    respondMfa: method(
      () => z.discriminatedUnion('action', [
        z.object({ action: z.literal('code'), promptId: IdSchema, code: MfaCodeSchema }).strict(),
        z.object({ action: z.literal('cancel'), promptId: IdSchema }).strict(),
      ]),
      () => z.object({ accepted: z.boolean() }),
    ),
    /**
     * Signs an SSO profile in (OIDC device authorization; an `ssoPrompt` event carries the code and
     * page); resolves once the token is in the shared AWS CLI cache. Only the profile name goes in;
     * no token ever comes out.
     */
    ssoSignIn: method(() => z.object({ profile: ProfileNameSchema }).strict(), () => z.object({ expiresAt: z.number().int().nonnegative() })),
    /** Stops a waiting sign-in (its ssoSignIn call then fails as cancelled). */
    cancelSsoSignIn: method(() => z.object({ signInId: IdSchema }).strict(), () => z.object({ cancelled: z.boolean() })),
  },
  events: {
    mfaPrompt: MfaPromptSchema,
    ssoPrompt: SsoPromptSchema,
  },
});
