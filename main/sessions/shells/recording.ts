// A shell tab's asciicast recording, started from the UI or by the record directory setting:
// where the file goes, what it is called, and finishing it without losing the tail.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionRecording } from '../../../shared/contract/index.js';
import { openCastFile, type CastFile } from '../recording/index.js';

export const RECORDING = {
  /** Titles become file names; long ones are clipped so the path stays well under NAME_MAX (255). */
  MAX_NAME_CHARS: 80,
  /** Recordings hold terminal contents, which may be secret: the folder is the user's alone. */
  DIR_MODE: 0o700,
} as const;

/** Raised when recording is asked of a session that has no live terminal to record. */
export class RecordingUnavailableError extends Error {
  override readonly name = 'RecordingUnavailableError';
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} is not connected, so it cannot be recorded. Restart it first.`);
  }
}

/** A title as a portable file name: letters, digits, dot, dash and underscore; never empty or hidden. */
export function castFileStem(title: string): string {
  const safe = title.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, RECORDING.MAX_NAME_CHARS);
  return safe.length > 0 ? safe : 'session';
}

/** `2026-11-24T00-26-05-123Z`: sortable, unique per millisecond, no characters Windows forbids. */
export function castTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

export interface ActiveRecording {
  readonly info: SessionRecording;
  readonly file: CastFile;
}

/** The UI's file name for a recording: `<title>-<timestamp>.cast`. */
export function castFileName(title: string, startedAt: number): string {
  return `${castFileStem(title)}-${castTimestamp(startedAt)}.cast`;
}

/**
 * Starts recording into `dir`, named by `name(startedAt)`, at the terminal's current size.
 * Rejects with the file system's error when the file cannot be opened; `onError` is told of a
 * write that fails later (the recording then stops; the session does not).
 */
export async function startCast(
  dir: string,
  name: (startedAt: number) => string,
  title: string,
  size: { cols: number; rows: number },
  onError: (err: Error) => void,
): Promise<ActiveRecording> {
  await mkdir(dir, { recursive: true, mode: RECORDING.DIR_MODE });
  const startedAt = Date.now();
  const path = join(dir, name(startedAt));
  const file = await openCastFile(path, { width: size.cols, height: size.rows, title, startedAt }, onError);
  return { info: { path, startedAt }, file };
}

/** Ends the recording; resolves once the file is complete or failed (never rejects, never hangs). */
export async function finishCast(sessionId: string, rec: ActiveRecording | undefined): Promise<void> {
  if (rec === undefined) return;
  await rec.file.finish();
  if (rec.file.error !== undefined) console.warn(`porthole: recording of session ${sessionId} to ${rec.info.path} is incomplete: ${rec.file.error.message}`);
}

/** A sentence for the person about a recording that could not start or stopped early. */
export function recordingProblem(path: string, err: unknown, started: boolean): string {
  const why = err instanceof Error ? err.message : String(err);
  return started ? `Recording to ${path} stopped: ${why}. The session goes on.` : `Could not record to ${path}: ${why}. The session goes on without recording.`;
}
