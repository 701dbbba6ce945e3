/**
 * The long-lived things a user opens on a target, above the protocol engine: shell sessions behind
 * the terminal tabs (shells/: lifetimes, reconnect, flow control toward the renderer), local port
 * forwards (forwards/: listeners, restarts, rates) and asciicast recordings (recording/).
 */
export * as shells from './shells/index.js';
export * as forwards from './forwards/index.js';
export * as recording from './recording/index.js';
