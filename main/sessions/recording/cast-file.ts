// A recording into a .cast file: the file is opened first (a bad path rejects here, before any
// session depends on it), writes report backpressure so the caller can pause its source, a write
// error stops the recording and is told once, and finishing always settles.
//   const cast = await openCastFile(path, { width, height }, (err) => tell(err.message));
//   cast.recorder.output(bytes); if (cast.behind) { pause(); cast.whenCaughtUp(resume); }
//   await cast.finish();
import { openOutputFile, type OutputFile } from '../../storage/output-file.js';
import { CastRecorder, type CastRecorderOptions } from './recorder.js';

export interface CastFile {
  readonly recorder: CastRecorder;
  readonly path: string;
  /** True when the file is behind the output fed to it. */
  readonly behind: boolean;
  /** Calls `listener` once the file has caught up (at once if it is not behind, or failed). */
  whenCaughtUp(listener: () => void): void;
  /** The error that stopped the recording, if any. */
  readonly error: Error | undefined;
  /** Closes the recorder and the file; resolves once the bytes landed or the error is known. Never rejects. */
  finish(): Promise<void>;
}

export async function openCastFile(path: string, options: CastRecorderOptions, onError?: (err: Error) => void): Promise<CastFile> {
  const file: OutputFile = await openOutputFile(path, onError ? { onError } : {});
  let behind = false;
  const recorder = new CastRecorder((text) => {
    if (!file.write(text)) behind = true;
  }, options);
  return {
    recorder,
    path,
    get behind() {
      return behind && file.error === undefined;
    },
    whenCaughtUp(listener) {
      file.onDrain(() => {
        behind = false;
        listener();
      });
    },
    get error() {
      return file.error;
    },
    async finish() {
      recorder.close();
      await file.close();
    },
  };
}
