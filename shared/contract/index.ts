// The contract's public surface: import from 'shared/contract/index.js'.
export * from './common.js';
export * from './define.js';
export * from './errors.js';
export * from './app.js';
export * from './settings.js';
export * from './inventory.js';
export * from './sessions.js';
export * from './forwards.js';
export * from './diagnostics.js';
export * from './auth.js';
export * from './links.js';
export * from './inspector.js';
export * from './services.js';
export * from './control.js';
export * from './data.js';
export * from './wire.js';
export * from './preload-api.js';
