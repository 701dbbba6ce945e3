/**
 * Shell sessions behind the terminal tabs (issue 7's main side).
 *
 *   const shells = new ShellManager({ launch, recordDir?, frames? });
 *   const shell = await shells.open({ target, cols, rows }, (id) => sinkFor(id), (id) => undo(id));
 *   shell.input(bytes); shell.ack(n); shell.resize(cols, rows);   // from the owner's data plane
 *   await shells.restart(id); shells.rename(id, title); await shells.close(id);
 *   await shells.setRecording(id, true);   // .cast into options.recordingsDir until false or close
 * Output reaches the sink coalesced (~5 ms / 256 KiB, at once after input); reading pauses above
 * SHELLS.HIGH_WATERMARK_BYTES unacknowledged and resumes below SHELLS.LOW_WATERMARK_BYTES.
 */
export { SHELLS } from './constants.js';
export { FlowControl, type FlowControlHooks, type Watermarks } from './flow-control.js';
export { OutputBatcher, type BatcherLimits } from './output-batcher.js';
export { ManagedShell } from './managed-shell.js';
export { RecordingsDirMissingError, ShellManager, ShellNotFoundError, defaultTitle } from './manager.js';
export { RECORDING, RecordingUnavailableError, castFileName, castFileStem } from './recording.js';
export type { FrameListener, LaunchedShell, OpenShellRequest, ShellLauncher, ShellManagerOptions, ShellSink } from './types.js';
