// Module resolution hook for the start-up bench's Electron stand-in: `electron` resolves to the
// stand-in module beside this file; everything else resolves as usual.
import type { ResolveHook } from 'node:module';

const FAKE_ELECTRON_URL = new URL('./fake-electron.js', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) => (specifier === 'electron' ? { url: FAKE_ELECTRON_URL, shortCircuit: true } : nextResolve(specifier, context));
