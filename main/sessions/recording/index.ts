// Session recordings (asciicast v2). The app records a shell tab with `openCastFile` (or a
// `CastRecorder` on any text sink) by feeding it the same output bytes it gives xterm, plus
// resizes; `porthole play` and the UI replay with `playCast`.
export * from './asciicast.js';
export * from './recorder.js';
export * from './player.js';
export * from './cast-file.js';
