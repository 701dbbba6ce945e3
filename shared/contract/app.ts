// `app`: facts about the running Porthole (version, host, platform, sandbox).
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EmptySchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

export const HostKindSchema = lazySchema(() => z.enum(['electron', 'web']));
export type HostKind = z.infer<typeof HostKindSchema>;

export const SandboxInfoSchema = lazySchema(() => z.object({
  active: z.boolean(),
  /** Where the emulated AWS API listens (loopback URL), null when the sandbox is off. */
  endpoint: z.url().nullable(),
  /**
   * How the sandbox's target shells run — always on this computer, as the person: `confined` by
   * bubblewrap (read-only host files, the target's directory as home), or `unconfined`; null when
   * the sandbox is off.
   */
  shells: z.enum(['confined', 'unconfined']).nullable(),
}));

export const AppInfoSchema = lazySchema(() => z.object({
  version: z.string().min(1),
  host: HostKindSchema,
  /** Node's process.platform of the host (linux, darwin, win32). */
  platform: TextSchema.min(1),
  sandbox: SandboxInfoSchema,
}));
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Something the person should know that is not about one action (e.g. a saved file set aside). */
export const NoticeSchema = lazySchema(() => z.object({ id: z.number().int().nonnegative(), message: TextSchema.min(1) }));
export type Notice = z.infer<typeof NoticeSchema>;

export const appService = defineService({
  methods: {
    info: method(() => EmptySchema, () => AppInfoSchema),
    /** Every notice of this run so far (a window that connects late still hears them). */
    notices: method(() => EmptySchema, () => z.object({ notices: z.array(NoticeSchema) })),
  },
  events: {
    notice: NoticeSchema,
  },
});
