// `transfers`: files into and out of containers and instances through a session of their own
// (issue 17). The renderer never names a local path: upload bytes come from it (the File API, in
// chunks it sends only as fast as main takes them), and a download is staged by main and read
// back by the renderer in chunks, then handed to the browser/Electron as a download.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EmptySchema, EpochMsSchema, HelperWaitSchema, IdSchema, TargetLabelSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';
import { ShellTargetSchema } from './sessions.js';

export const TRANSFER_BOUNDS = {
  /** PATH_MAX on Linux. */
  PATH_MAX: 4096,
  /** NAME_MAX on common file systems. */
  NAME_MAX: 255,
  /** Raw bytes per chunk either way: small enough for one WebSocket/IPC message, large enough that per-call cost is noise. */
  CHUNK_BYTES: 256 * 1024,
  /** 2^53: File.size is a double; anything larger is not a real file. */
  MAX_FILE_BYTES: Number.MAX_SAFE_INTEGER,
} as const;

/** Base64 length of CHUNK_BYTES raw bytes. */
const CHUNK_BASE64_MAX = Math.ceil(TRANSFER_BOUNDS.CHUNK_BYTES / 3) * 4;

/** A path on the target: one line, no control characters (it is typed into a shell, quoted). */
export const RemotePathSchema = lazySchema(() => z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(TRANSFER_BOUNDS.PATH_MAX)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point of this pattern
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters'));

/** A local file's name as the renderer knows it (File.name): no folders, no control characters. */
export const FileNameSchema = lazySchema(() => z
  .string()
  .min(1)
  .max(TRANSFER_BOUNDS.NAME_MAX)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point of this pattern
  .regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'must be a plain file name')
  .refine((n) => n !== '.' && n !== '..', 'must be a plain file name'));

const Base64Schema = lazySchema(() => z.string().max(CHUNK_BASE64_MAX).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'));
const Sha256Schema = lazySchema(() => z.string().regex(/^[0-9a-f]{64}$/));
const ByteCountSchema = lazySchema(() => z.number().int().nonnegative().max(TRANSFER_BOUNDS.MAX_FILE_BYTES));

export const TransferDirectionSchema = lazySchema(() => z.enum(['upload', 'download']));
export const TransferStateSchema = lazySchema(() => z.enum(['running', 'done', 'failed', 'cancelled']));

export const TransferProgressSchema = lazySchema(() => z.object({
  bytes: ByteCountSchema,
  total: ByteCountSchema.nullable(),
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
}));
export type TransferProgressInfo = z.infer<typeof TransferProgressSchema>;

export const TransferInfoSchema = lazySchema(() => z.object({
  id: IdSchema,
  direction: TransferDirectionSchema,
  target: ShellTargetSchema,
  /** The target as the person picked it (the tree's name); its messages name it so. Absent: its ids. */
  targetLabel: TargetLabelSchema.optional(),
  /** As asked, then where it landed (a folder destination gets the file's name). */
  remotePath: RemotePathSchema,
  /** The local file's name (upload) or the name the download will be saved under. */
  name: FileNameSchema,
  state: TransferStateSchema,
  /** What it is doing, in words ("Checking the target's tools", "Uploading", "Verifying"). */
  phase: TextSchema,
  progress: TransferProgressSchema,
  /** SHA-256 computed on both ends and equal; set only when done. */
  sha256: Sha256Schema.nullable(),
  compressed: z.boolean(),
  /** Why it failed, in words that say what to do. */
  error: z.object({ kind: z.string().min(1).max(40), message: TextSchema.min(1) }).nullable(),
  startedAt: EpochMsSchema,
  /** While its session's launch waits on the profile's credential_process: what it waits on, in words. Absent otherwise. */
  helperWait: HelperWaitSchema.optional(),
}));
export type TransferInfo = z.infer<typeof TransferInfoSchema>;

const ById = lazySchema(() => z.object({ id: IdSchema }).strict());
const TransferResult = lazySchema(() => z.object({ transfer: TransferInfoSchema }));

export const transfersService = defineService({
  methods: {
    list: method(() => EmptySchema, () => z.object({ transfers: z.array(TransferInfoSchema) })),
    /** Starts an upload of `size` bytes the caller then sends with uploadChunk, in order. */
    startUpload: method(
      () => z.object({ target: ShellTargetSchema, targetLabel: TargetLabelSchema.optional(), remotePath: RemotePathSchema, name: FileNameSchema, size: ByteCountSchema, compress: z.boolean().default(true) }).strict(),
      () => TransferResult,
    ),
    /**
     * The next chunk of an upload (offset = bytes sent before it). Answers once main has taken it,
     * which is only when the transfer's buffer has room: awaiting each answer is the flow control.
     */
    uploadChunk: method(() => z.object({ id: IdSchema, offset: ByteCountSchema, data: Base64Schema }).strict(), () => z.object({ received: ByteCountSchema })),
    /** Starts a download into main's staging area; read it with readDownload once done. */
    startDownload: method(
      () => z.object({ target: ShellTargetSchema, targetLabel: TargetLabelSchema.optional(), remotePath: RemotePathSchema, compress: z.boolean().default(true) }).strict(),
      () => TransferResult,
    ),
    /** A verified download's bytes from `offset` (at most CHUNK_BYTES). */
    readDownload: method(
      () => z.object({ id: IdSchema, offset: ByteCountSchema, length: z.number().int().min(1).max(TRANSFER_BOUNDS.CHUNK_BYTES) }).strict(),
      () => z.object({ data: Base64Schema, eof: z.boolean() }),
    ),
    /** Stops a running transfer; nothing partial is left on either side. */
    cancel: method(() => ById, () => EmptySchema),
    /** Forgets a finished transfer (and deletes its staged download). */
    dismiss: method(() => ById, () => EmptySchema),
    /** The last remote path used with this target (for the path prompt), if any. */
    lastPath: method(() => z.object({ target: ShellTargetSchema }).strict(), () => z.object({ path: RemotePathSchema.nullable() })),
  },
  events: {
    updated: lazySchema(() => lazySchema(() => z.object({ transfer: TransferInfoSchema }))),
  },
});
