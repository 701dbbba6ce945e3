/**
 * Porthole's own implementation of the Session Manager data-channel protocol: the binary frame
 * codec, the reliability layer (ordering, acks, resends), the websocket connection, the
 * handshake, KMS encryption, shell and port sessions and the smux multiplexer inside them, and the
 * inspector that describes captured frames. The session managers, the CLI and the sandbox's
 * emulated agent build on it; it knows nothing of AWS accounts, windows or the contract.
 */
export * from './frame/index.js';
export * from './channel/index.js';
export * from './datachannel/index.js';
export { ShellSession } from './shell/shell-session.js';
export type { AttachedShellOptions, ShellCounters, ShellSessionEvents, ShellSessionOptions, TerminalSize } from './shell/shell-session.js';
export { inputChunks, parseExitCode, ShellInput, sizePayload } from './shell/input.js';
export { awsKmsDataKeyProvider, KmsContext, KmsError } from './crypto/kms.js';
export type { DataKey, DataKeyProvider, DataKeyRequest } from './crypto/kms.js';
export { SessionCipher, SessionCipherError, SessionCrypto } from './crypto/session-cipher.js';
export { ActionStatus, ActionType, HandshakeError, SessionTypes } from './handshake/messages.js';
export type { SessionType } from './handshake/messages.js';
export { Backoff, Connection } from './connection/constants.js';
export type { BackoffSchedule } from './connection/constants.js';
export { DialError, openDataChannelJson } from './connection/socket.js';
export { PORTHOLE_CLIENT_VERSION } from './version.js';
export { ssmResumeSession } from './connection/resume-ssm.js';
