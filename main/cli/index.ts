/**
 * The `porthole` command line: a drop-in session-manager-plugin for the AWS CLI and ssh, the
 * protocol inspector, recording playback, file copy through a session, and the standalone
 * sandbox. `run()` is what bin/porthole.js calls; `main()` takes argv and the I/O, for tests.
 */
export { main, run } from './main.js';
