// Vite's client types: CSS and asset imports, import.meta.env.
/// <reference types="vite/client" />

/** True only in the renderer's test build (`vite build --mode test`): see vite.config.mts. */
declare const __PORTHOLE_TEST_BUILD__: boolean;
