// The ClientVersion Porthole advertises in OpenDataChannel and the HandshakeResponse (§3.3, §8.1).
//
// The agent picks behaviour from it, so it must describe what Porthole actually does:
//  - ≥ 1.1.70: port sessions use smux multiplexing (Porthole implements mux mode);
//  - > 1.2.331.0: smux keepalive is disabled on both sides (Porthole's smux sends none);
//  - > 1.2.295: no "upgrade your plugin" notice for NonInteractiveCommands with separate streams.
// 1.2.650.0 is the newest plugin release whose behaviour the protocol spec documents; it has
// four numeric components, as the plugin's and agent's version comparisons require.
export const PORTHOLE_CLIENT_VERSION = '1.2.650.0';
