/** Porthole's own version, shown in the UI and reported by the CLI. */
export const PORTHOLE_VERSION = '0.1.0';
