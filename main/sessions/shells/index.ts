/**
 * Shell sessions behind the terminal tabs (issue 7's main side).
 *
 *   const shells = new ShellManager({ launch, recordDir?, frames? });
 *   const shell = await shells.open({ target, cols, rows }, (id) => sinkFor(id), (id) => undo(id));
 *   shell.input(bytes); shell.ack(n); shell.resize(cols, rows);   // from the owner's data plane
 *   await shells.restart(id); shells.rename(id, title); await shells.close(id);
 *   await shells.setRecording(id, true);   // .cast into options.recordingsDir until false or close
 * Output reaches the sink coalesced (~5 ms / 16 KiB, at once after input); at most
 * SHELLS.WINDOW_BYTES unacknowledged at a time, and reading pauses while SHELLS.READ_AHEAD_BYTES more wait.
 */
export { SHELLS } from './constants.js';
export { DEFAULT_FLOW_LIMITS, FlowControl, type FlowLimits } from './flow-control.js';
export { OutputBatcher, type BatcherLimits } from './output-batcher.js';
export { ManagedShell } from './managed-shell.js';
export { RecordingsDirMissingError, ShellManager, ShellNotFoundError, defaultTitle } from './manager.js';
export { RECORDING, RecordingUnavailableError, castFileName, castFileStem } from './recording.js';
export type { FrameListener, LaunchedShell, OpenShellRequest, ShellLauncher, ShellManagerOptions, ShellSink } from './types.js';
