// The Session Manager data-channel engine: public API for hosts, the CLI and the sandbox.
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
