/**
 * The host-agnostic side of the contract: the Router that every window (Electron IPC or the web
 * host's WebSocket) connects through, which validates each request and routes it, and one
 * service per contract area implementing its methods over the hubs and the domain code. It knows
 * no host and no transport; the composition root registers the services.
 */
export { Router, type ClientTransport } from './router.js';
export type { CallContext, ClientHandle, ServiceImpl } from './service.js';
export type { HostEnv } from './host-env.js';
export { createAppService } from './app.js';
export { createAuthService } from './auth.js';
export { createDiagnosticsService } from './diagnostics.js';
export { createForwardsService } from './forwards.js';
export { createInspectorService } from './inspector.js';
export { createInventoryService } from './inventory.js';
export { createSessionsService } from './sessions.js';
export { createSettingsService } from './settings.js';
export { createTransfersService } from './transfers.js';
export { SettingsStore } from './settings-store.js';
