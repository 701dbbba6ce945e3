/**
 * The agent's side of the handshake (§6): HandshakeRequest → HandshakeResponse → (KMS:
 * EncChallengeRequest → EncChallengeResponse) → HandshakeComplete. Runs for Port and
 * NonInteractiveCommands sessions always and for the other shells when the session has a KMS key (§6.1). Fails the session when the
 * client reports a failed action, the challenge does not match, or 15 s pass.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PayloadType } from '../../ssm/frame/index.js';
import { AgentCipher, GCM } from './agent-cipher.js';
import { AGENT } from './constants.js';
import {
  ACTION_SUCCESS,
  ActionType,
  decodeChallenge,
  decodeHandshakeResponse,
  encodeChallenge,
  encodeHandshakeComplete,
  encodeHandshakeRequest,
} from './handshake-payloads.js';

/** The sandbox KMS as the agent needs it (structurally the API's KmsKeyStore). */
export interface AgentKms {
  decrypt(blob: Buffer, context?: Record<string, string>): { plaintext: Buffer };
}

export interface HandshakeSetup {
  sessionId: string;
  /** The id the agent believes it has: part of the KMS encryption context (§6.6). */
  targetId: string;
  agentVersion: string;
  sessionType: string;
  properties: Record<string, string> | null;
  kmsKeyId: string | undefined;
  kms: AgentKms | undefined;
  send(payloadType: number, payload: Uint8Array): void;
  /** Handshake done: the client's version and, for KMS sessions, the cipher. */
  complete(clientVersion: string, cipher: AgentCipher | undefined): void;
  fail(output: string): void;
}

export const HANDSHAKE_ERRORS = {
  TIMEOUT: 'Handshake timed out. Please ensure that you have the latest version of the session manager plugin.',
  CHALLENGE_TIMEOUT: 'Timed out waiting for encryption challenge.',
} as const;

type State = 'idle' | 'awaiting-response' | 'awaiting-challenge' | 'done' | 'failed';

export class AgentHandshake {
  private state: State = 'idle';
  private startedAt = 0n;
  private timer: NodeJS.Timeout | undefined;
  private readonly requestChallenge = randomBytes(AGENT.HANDSHAKE_CHALLENGE_BYTES).toString('base64');
  private cipher: AgentCipher | undefined;
  private encChallenge: Uint8Array | undefined;
  private clientVersion = '';

  constructor(private readonly s: HandshakeSetup) {}

  get encrypted(): boolean {
    return this.s.kmsKeyId !== undefined;
  }

  start(): void {
    this.state = 'awaiting-response';
    this.startedAt = process.hrtime.bigint();
    this.timer = setTimeout(() => this.fail(this.state === 'awaiting-challenge' ? HANDSHAKE_ERRORS.CHALLENGE_TIMEOUT : HANDSHAKE_ERRORS.TIMEOUT), AGENT.HANDSHAKE_TIMEOUT_MS);
    const kms = this.s.kmsKeyId === undefined ? undefined : { keyId: this.s.kmsKeyId, challenge: this.requestChallenge };
    this.s.send(PayloadType.HandshakeRequest, encodeHandshakeRequest({ agentVersion: this.s.agentVersion, sessionType: this.s.sessionType, properties: this.s.properties, ...(kms ? { kms } : {}) }));
  }

  /**
   * A PT 6 or PT 9 frame from the client (in order). Processed on the next turn, as the agent
   * hands it to its waiting handshake routine: the ack goes out before the agent's reply (§12.4).
   */
  receive(payloadType: number, payload: Uint8Array): void {
    setImmediate(() => this.process(payloadType, payload));
  }

  private process(payloadType: number, payload: Uint8Array): void {
    if (this.state === 'failed') return;
    try {
      if (payloadType === PayloadType.HandshakeResponse && this.state === 'awaiting-response') this.onResponse(payload);
      else if (payloadType === PayloadType.EncChallengeResponse && this.state === 'awaiting-challenge') this.onChallenge(payload);
    } catch (error) {
      this.fail(`Encountered error while initiating handshake. ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onResponse(payload: Uint8Array): void {
    const response = decodeHandshakeResponse(payload);
    this.clientVersion = response.clientVersion;
    for (const a of response.actions) {
      if (a.actionStatus !== ACTION_SUCCESS) throw new Error(`${a.actionType} failed on the client: ${a.error || `status ${a.actionStatus}`}`);
    }
    const kmsAction = response.actions.find((a) => a.actionType === ActionType.KMSEncryption);
    if (this.s.kmsKeyId === undefined) return this.finish();
    if (!kmsAction?.kmsCipherTextKey) throw new Error('the client did not return a KMS data key');
    if (!this.s.kms) throw new Error('the sandbox has no KMS to decrypt the data key');
    const context: Record<string, string> = { 'aws:ssm:SessionId': this.s.sessionId, 'aws:ssm:TargetId': this.s.targetId };
    if (kmsAction.challengeAcknowledged) context['aws:ssm:RandomChallenge'] = this.requestChallenge;
    let dataKey: Buffer;
    try {
      dataKey = this.s.kms.decrypt(Buffer.from(kmsAction.kmsCipherTextKey, 'base64'), context).plaintext;
    } catch (e) {
      throw new Error(`KMS Decrypt of the session key failed: ${(e as Error).message}`, { cause: e });
    }
    if (dataKey.length !== GCM.DATA_KEY_BYTES) throw new Error(`the KMS data key is ${dataKey.length} bytes, expected ${GCM.DATA_KEY_BYTES}`);
    this.cipher = new AgentCipher(dataKey);
    this.encChallenge = randomBytes(AGENT.ENC_CHALLENGE_BYTES);
    this.state = 'awaiting-challenge';
    this.s.send(PayloadType.EncChallengeRequest, encodeChallenge(Buffer.from(this.cipher.encrypt(this.encChallenge)).toString('base64')));
  }

  private onChallenge(payload: Uint8Array): void {
    const answer = (this.cipher as AgentCipher).decrypt(decodeChallenge(payload));
    const expected = this.encChallenge as Uint8Array;
    if (answer.length !== expected.length || !timingSafeEqual(answer, expected)) throw new Error('the encryption challenge response does not match');
    this.finish();
  }

  private finish(): void {
    this.dispose();
    this.state = 'done';
    const ns = Number(process.hrtime.bigint() - this.startedAt);
    this.s.send(PayloadType.HandshakeComplete, encodeHandshakeComplete(ns, this.encrypted ? AGENT.KMS_CUSTOMER_MESSAGE : ''));
    this.s.complete(this.clientVersion, this.cipher);
  }

  private fail(output: string): void {
    if (this.state === 'done' || this.state === 'failed') return;
    this.dispose();
    this.state = 'failed';
    this.s.fail(output);
  }
}
