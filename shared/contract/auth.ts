// `auth`: prompts main needs answered by a person (an MFA code for assume-role). Credentials
// themselves never cross into the renderer; only the one-time code travels, renderer → main.
import { z } from 'zod';
import { IdSchema, ProfileNameSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

/** TOTP codes are 6 digits; some hardware tokens use 8. */
export const MfaCodeSchema = z.string().regex(/^\d{6,8}$/, 'must be the 6-digit code from your MFA device');

export const MfaPromptSchema = z.object({
  promptId: IdSchema,
  profile: ProfileNameSchema,
  /** The device's ARN or serial from mfa_serial, shown so the person knows which device to use. */
  mfaSerial: TextSchema.min(1),
  roleArn: TextSchema.nullable(),
});
export type MfaPrompt = z.infer<typeof MfaPromptSchema>;

export const authService = defineService({
  methods: {
    /** Answers a prompt with a code, or cancels it (the waiting operation then fails in plain words). */
    respondMfa: method(
      z.discriminatedUnion('action', [
        z.object({ action: z.literal('code'), promptId: IdSchema, code: MfaCodeSchema }).strict(),
        z.object({ action: z.literal('cancel'), promptId: IdSchema }).strict(),
      ]),
      z.object({ accepted: z.boolean() }),
    ),
  },
  events: {
    mfaPrompt: MfaPromptSchema,
  },
});
