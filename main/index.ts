export { PORTHOLE_VERSION } from '../shared/version.js';
