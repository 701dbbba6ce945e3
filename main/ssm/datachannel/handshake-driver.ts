// The client side of the handshake as seen from the reliability layer (protocol §6): which
// agent frames are handshake traffic, when data may flow, and first-message detection (§6.1).
import type { Delivery } from '../channel/index.js';
import type { SessionCipher } from '../crypto/session-cipher.js';
import { PayloadType } from '../frame/index.js';
import { HandshakeError, parseHandshakeComplete, parseHandshakeRequest } from '../handshake/messages.js';
import { answerChallenge, processHandshakeRequest, type HandshakeContext, type HandshakeOutcome } from '../handshake/process.js';
import type { SessionInfo } from './types.js';

/** Payload types the agent may encrypt (§6.6). */
const ENCRYPTED_FROM_AGENT: ReadonlySet<number> = new Set([PayloadType.Output, PayloadType.StdErr, PayloadType.ExitCode]);

export interface HandshakeDriverHost {
  /** Send one client stream message right away (handshake messages bypass the input queue). */
  sendNow(payloadType: number, payload: Uint8Array): void;
  ready(info: SessionInfo): void;
  fail(message: string): void;
  warn(message: string): void;
}

type State = 'idle' | 'responding' | 'responded' | 'complete';

export class HandshakeDriver {
  private state: State = 'idle';
  private outcome: HandshakeOutcome | undefined;
  private info: SessionInfo | undefined;

  constructor(private readonly ctx: HandshakeContext, private readonly host: HandshakeDriverHost) {}

  get sessionInfo(): SessionInfo | undefined {
    return this.info;
  }

  get cipher(): SessionCipher | undefined {
    return this.outcome?.cipher;
  }

  /**
   * Offer one in-order agent frame. Returns a Delivery when the frame was handshake traffic (or
   * must wait), or 'data' when it is session data for the handler (possibly after detection).
   */
  offer(payloadType: number, payload: Uint8Array): Delivery | 'data' {
    switch (payloadType) {
      case PayloadType.HandshakeRequest:
        return this.onRequest(payload);
      case PayloadType.EncChallengeRequest:
        return this.onChallenge(payload);
      case PayloadType.HandshakeComplete:
        return this.onComplete(payload);
    }
    if (this.state === 'responding' || this.state === 'responded') return 'not-ready'; // data never precedes HandshakeComplete
    if (this.state === 'idle') {
      this.state = 'complete';
      // No handshake came: the first output decides the type, as the plugin does (§6.1).
      this.setReady({ sessionType: 'Standard_Stream', properties: null, agentVersion: '', customerMessage: '', encrypted: false, detected: true });
    }
    return 'data';
  }

  /** Decrypt an agent payload when the session is encrypted. */
  decrypt(payloadType: number, payload: Uint8Array): Uint8Array {
    const cipher = this.outcome?.cipher;
    return cipher && ENCRYPTED_FROM_AGENT.has(payloadType) ? cipher.decrypt(payload) : payload;
  }

  /** Encrypt a client payload when the session is encrypted (only PT 1 is, §6.6). */
  encrypt(payloadType: number, payload: Uint8Array): Uint8Array {
    const cipher = this.outcome?.cipher;
    return cipher && payloadType === PayloadType.Output ? cipher.encrypt(payload) : payload;
  }

  private onRequest(payload: Uint8Array): Delivery {
    if (this.state !== 'idle') return 'accepted'; // a second request would be a protocol error; ignore
    let request;
    try {
      request = parseHandshakeRequest(payload);
    } catch (error) {
      this.host.fail(`malformed HandshakeRequest: ${message(error)}`);
      return 'accepted';
    }
    this.state = 'responding';
    processHandshakeRequest(request, this.ctx).then(
      (outcome) => {
        this.outcome = outcome;
        this.state = 'responded';
        for (const e of outcome.errors) this.host.warn(`handshake: ${e}`);
        this.host.sendNow(PayloadType.HandshakeResponse, outcome.response);
      },
      (error: unknown) => this.host.fail(`handshake failed: ${message(error)}`),
    ).catch((error: unknown) => this.host.fail(`handshake failed: ${message(error)}`));
    return 'accepted';
  }

  private onChallenge(payload: Uint8Array): Delivery {
    if (this.state === 'responding') return 'not-ready'; // KMS still working: the agent resends
    const cipher = this.outcome?.cipher;
    if (!cipher) {
      this.host.fail('the agent sent an encryption challenge but encryption was not negotiated');
      return 'accepted';
    }
    try {
      this.host.sendNow(PayloadType.EncChallengeResponse, answerChallenge(cipher, payload));
    } catch (error) {
      this.host.fail(`encryption challenge failed: ${message(error)}`);
    }
    return 'accepted';
  }

  private onComplete(payload: Uint8Array): Delivery {
    if (this.state === 'responding') return 'not-ready';
    if (this.state === 'complete') return 'accepted';
    const complete = parseHandshakeComplete(payload);
    const outcome = this.outcome;
    if (!outcome?.sessionType) {
      this.host.fail('unable to determine SessionType: the handshake completed without one');
      return 'accepted';
    }
    this.state = 'complete';
    this.setReady({
      sessionType: outcome.sessionType,
      properties: outcome.properties,
      agentVersion: outcome.agentVersion,
      customerMessage: complete.customerMessage,
      encrypted: outcome.cipher !== undefined,
      detected: false,
    });
    return 'accepted';
  }

  private setReady(info: SessionInfo): void {
    this.info = info;
    this.host.ready(info);
  }
}

function message(error: unknown): string {
  return error instanceof HandshakeError || error instanceof Error ? error.message : String(error);
}
