// Wire constants of the Session Manager data channel (protocol §1, §2).

/** MessageType strings (§2.1). Written space-padded into a 32-byte field. */
export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
  AgentSessionState: 'agent_session_state',
} as const;
export type MessageTypeName = (typeof MessageType)[keyof typeof MessageType];

/** PayloadType values (§2.2), uint32 at offset 112. */
export const PayloadType = {
  Unset: 0,
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;
export type PayloadTypeValue = (typeof PayloadType)[keyof typeof PayloadType];

/** Header Flags (§2.3). Nobody inspects them on receipt; we send the official values. */
export const Flags = {
  Data: 0,
  /** SYN: the agent's first output_stream_data. */
  Syn: 1,
  Fin: 2,
  /** SYN|FIN: every acknowledge and agent_session_state frame. */
  SynFin: 3,
} as const;

/** Payload of a PayloadType 10 message, 4-byte big-endian uint32 (§2.4). */
export const PayloadTypeFlag = {
  DisconnectToPort: 1,
  TerminateSession: 2,
  ConnectToPortError: 3,
} as const;
export type PayloadTypeFlagValue = (typeof PayloadTypeFlag)[keyof typeof PayloadTypeFlag];

/** Byte offsets of the fixed header (§1.1). */
export const Offset = {
  HeaderLength: 0,
  MessageType: 4,
  SchemaVersion: 36,
  CreatedDate: 40,
  SequenceNumber: 48,
  Flags: 56,
  MessageId: 64,
  PayloadDigest: 80,
  PayloadType: 112,
  PayloadLength: 116,
  Payload: 120,
} as const;

export const FrameLayout = {
  /** What every official sender writes into HeaderLength: the offset of PayloadLength. */
  STANDARD_HEADER_LENGTH: 116,
  /** MGS-built channel_closed frames observed with no PayloadType field (§1.5). */
  SHORT_HEADER_LENGTH: 112,
  /** The MessageType field is a fixed 32-byte ASCII area. */
  MESSAGE_TYPE_BYTES: 32,
  /** Only schema version ever defined; nobody validates it on receipt. */
  SCHEMA_VERSION: 1,
  /** The SHA-256 digest is stored raw, not hex. */
  DIGEST_BYTES: 32,
  UUID_BYTES: 16,
} as const;
