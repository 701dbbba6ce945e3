// `node --import <this> dist/app/electron/main.js`: runs the desktop host's main script under
// plain Node with `electron` resolved to the stand-in (fake-electron.ts), so the start-up bench
// can time our own main-process code up to the window without an Electron binary.
import { register } from 'node:module';

register(new URL('./hooks.js', import.meta.url));
