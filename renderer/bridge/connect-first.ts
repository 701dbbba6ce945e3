// The link to the host, opened while this module is evaluated. main.tsx imports it first, so
// the web host's WebSocket handshake runs while the rest of the bundle (React, the app) is
// evaluated, and the first calls go out as soon as the model makes them, instead of waiting for
// the handshake after all of it (issue 16 §1: tree on screen < 1 s).
import { connectBridge } from './index.js';

export const bridge = connectBridge();
