// Shared by the build (vite.config.mts) and the page (boot.ts): how the build marks the app's
// bundle, which boot.ts then starts after the static shell's first frame (issue 16 §1).

/** The attribute on the app bundle's <link rel="modulepreload">. */
export const ENTRY_ATTRIBUTE = 'data-porthole-entry';
