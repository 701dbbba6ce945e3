// `links`: open a web address outside Porthole (the user's browser). Electron's window.open is
// always denied, so terminal links and a forward's "Open" go through here; the web host's page
// opens links itself and its service only says so.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { defineService, method } from './define.js';

/** Longer than any link worth opening; keeps a pasted blob out of the OS handler. */
const MAX_URL_LENGTH = 2048;

/** `link`: any http(s) address from terminal output. `forward`: a forward's local address, loopback only. */
export const LinkPurposeSchema = lazySchema(() => z.enum(['link', 'forward']));
export type LinkPurpose = z.infer<typeof LinkPurposeSchema>;

/** `scheme://user:pw@host`: http://accounts.example@evil.test reads as one site and opens another. */
const CREDENTIALS_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export const OpenLinkParamsSchema = lazySchema(() => z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(MAX_URL_LENGTH)
    .refine((url) => !CREDENTIALS_IN_URL.test(url), 'addresses with a user name or password are not opened'),
  purpose: LinkPurposeSchema,
}));

export const OpenLinkResultSchema = lazySchema(() => z.object({
  opened: z.boolean(),
  /** Why it was not opened (refused, or this host leaves opening to the page). */
  reason: z.string().optional(),
}));
export type OpenLinkResult = z.infer<typeof OpenLinkResultSchema>;

export const linksService = defineService({
  methods: {
    open: method(() => OpenLinkParamsSchema, () => OpenLinkResultSchema),
  },
  events: {},
});
