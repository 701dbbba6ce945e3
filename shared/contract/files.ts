// `files`: show a file Porthole wrote (a recording) in the system's file manager. Only the
// desktop host can; the web host's page shows the path only. Main decides which paths qualify:
// a path from the page is never trusted to name a file worth opening a folder for.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { defineService, method } from './define.js';

/** Longer than any path the recordings folder produces; keeps a pasted blob out of the OS call. */
const MAX_PATH_LENGTH = 4096;

export const ShowInFolderParamsSchema = lazySchema(() => z
  .object({
    path: z.string().min(1).max(MAX_PATH_LENGTH),
  })
  .strict());

export const ShowInFolderResultSchema = lazySchema(() => z.object({
  shown: z.boolean(),
  /** Why not (not a file Porthole wrote, gone since, or this host cannot). */
  reason: z.string().optional(),
}));
export type ShowInFolderResult = z.infer<typeof ShowInFolderResultSchema>;

export const filesService = defineService({
  methods: {
    showInFolder: method(() => ShowInFolderParamsSchema, () => ShowInFolderResultSchema),
  },
  events: {},
});
