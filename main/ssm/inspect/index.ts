/**
 * The protocol inspector: captures of the data channel and byte-by-byte descriptions of them.
 *
 * Capturing (the engine's frame tap feeds it; secrets masked by default):
 *   const capture = await CaptureWriter.open('/tmp/s.jsonl');       // or CaptureEncoder for memory
 *   tap: (event) => capture.write(capturedFrameFromTap(event)),  // DataChannelOptions.tap
 *   await capture.close();
 *
 * Describing (structured for the UI, text for `porthole inspect`):
 *   const describer = new CaptureDescriber();        // keeps session context between frames
 *   const d = describer.describe(record);            // FrameDescription: fields, payload, digest…
 *   process.stdout.write(renderFrame(d));
 *   describeCapture(parseCapture(fileText))          // whole files, incl. conformance real/*.jsonl
 */
export * from './capture-record.js';
export * from './capture-writer.js';
export { capturedFrameFromTap } from './tap-adapter.js';
export { maskBinaryFrame, maskTextFrame, SECRET_KEYS } from './mask.js';
export { CaptureDescriber, describeCapture } from './describe.js';
export { describeHeader } from './header.js';
export { hexdump } from './hexdump.js';
export { renderCapture, renderFrame, type RenderOptions } from './render.js';
export { versionGreater, type InspectOptions } from './session-context.js';
export type * from './types.js';
