import { describe, expect, it } from 'vitest';
import { goldenFrames } from '../../../testing/ssm/conformance.js';
import { SessionCipher } from '../crypto/session-cipher.js';
import type { DataKeyProvider, DataKeyRequest } from '../crypto/kms.js';
import { ActionStatus, parseHandshakeComplete, parseHandshakeRequest } from './messages.js';
import { answerChallenge, processHandshakeRequest, type HandshakeContext } from './process.js';
import { randomBytes } from 'node:crypto';

const payloadOf = (file: string): Uint8Array => {
  const g = goldenFrames().find((f) => f.file === file);
  if (!g) throw new Error(`missing ${file}`);
  return Buffer.from(g.input.Payload_hex, 'hex');
};
const json = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as Record<string, unknown>;
const ctx = (over: Partial<HandshakeContext> = {}): HandshakeContext => ({ clientVersion: '1.2.0.0', sessionId: 'sid-1', target: 'i-0abc', dataKeys: undefined, challengeAcknowledgement: true, ...over });

/** A KMS stand-in that records its requests and returns a fixed key. */
function fakeKms(): DataKeyProvider & { requests: DataKeyRequest[]; key: Uint8Array } {
  const key = randomBytes(64);
  const requests: DataKeyRequest[] = [];
  return { key, requests, generateDataKey: async (r) => { requests.push(r); return { plaintext: key, ciphertextBlob: Buffer.from('blob') }; } };
}

describe('handshake processing (§6.3)', () => {
  it('answers the real agent Port request with the plugin\'s exact HandshakeResponse bytes', async () => {
    const request = parseHandshakeRequest(payloadOf('hr_handshake_request_port.json'));
    const outcome = await processHandshakeRequest(request, ctx());
    expect(Buffer.from(outcome.response).equals(Buffer.from(payloadOf('d_handshake_response.json')))).toBe(true);
    expect(outcome).toMatchObject({ sessionType: 'Port', agentVersion: '3.3.0.0', properties: { portNumber: '22', type: 'LocalPortForwarding' }, errors: [] });
  });

  it('reads the agent\'s Standard_Stream request and HandshakeComplete', async () => {
    const outcome = await processHandshakeRequest(parseHandshakeRequest(payloadOf('agent_handshake_request_standard_stream.json')), ctx());
    expect(outcome.sessionType).toBe('Standard_Stream');
    expect(outcome.properties).toBeNull();
    expect(parseHandshakeComplete(payloadOf('agent_handshake_complete.json'))).toEqual({ handshakeTimeToCompleteNs: 1_500_000_000, customerMessage: '' });
  });

  it('fails unknown session types and unsupported actions with the right statuses', async () => {
    const request = parseHandshakeRequest(new TextEncoder().encode('{"agentversion":"3.3.1.0","requestedclientactions":[{"actiontype":"SessionType","actionparameters":{"sessiontype":"Telepathy"}},{"ActionType":"Teleport"}]}'));
    const outcome = await processHandshakeRequest(request, ctx());
    const actions = json(outcome.response)['ProcessedClientActions'] as Array<Record<string, unknown>>;
    expect(actions).toEqual([
      { ActionType: 'SessionType', ActionStatus: ActionStatus.Failed, ActionResult: null, Error: 'Failed to process action SessionType: Unknown session type Telepathy' },
      { ActionType: 'Teleport', ActionStatus: ActionStatus.Unsupported, ActionResult: null, Error: 'Unsupported action Teleport' },
    ]);
    expect(json(outcome.response)['Errors']).toHaveLength(2);
  });

  it('KMS: 64-byte key with the session context, challenge binding only when offered', async () => {
    const kms = fakeKms();
    const withChallenge = parseHandshakeRequest(new TextEncoder().encode(JSON.stringify({
      AgentVersion: '3.3.987.0',
      RequestedClientActions: [
        { ActionType: 'SessionType', ActionParameters: { SessionType: 'Standard_Stream', Properties: null } },
        { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'arn:aws:kms:us-east-1:1:key/k', Challenge: 'Y2hhbGxlbmdl' } },
      ],
    })));
    const outcome = await processHandshakeRequest(withChallenge, ctx({ dataKeys: kms }));
    expect(kms.requests[0]).toEqual({ keyId: 'arn:aws:kms:us-east-1:1:key/k', encryptionContext: { 'aws:ssm:SessionId': 'sid-1', 'aws:ssm:TargetId': 'i-0abc', 'aws:ssm:RandomChallenge': 'Y2hhbGxlbmdl' } });
    const kmsAction = (json(outcome.response)['ProcessedClientActions'] as Array<Record<string, unknown>>)[1];
    expect(kmsAction).toEqual({ ActionType: 'KMSEncryption', ActionStatus: 1, ActionResult: { KMSCipherTextKey: Buffer.from('blob').toString('base64'), KMSCipherTextHash: null, ChallengeAcknowledgement: true }, Error: '' });
    expect(outcome.cipher).toBeInstanceOf(SessionCipher);

    const noChallenge = parseHandshakeRequest(new TextEncoder().encode('{"AgentVersion":"3.3.0.0","RequestedClientActions":[{"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":"k"}}]}'));
    const plain = await processHandshakeRequest(noChallenge, ctx({ dataKeys: kms }));
    expect(kms.requests[1]?.encryptionContext).toEqual({ 'aws:ssm:SessionId': 'sid-1', 'aws:ssm:TargetId': 'i-0abc' });
    expect((json(plain.response)['ProcessedClientActions'] as Array<{ ActionResult: Record<string, unknown> }>)[0]?.ActionResult).not.toHaveProperty('ChallengeAcknowledgement');
  });

  it('KMS without a provider or target fails the action instead of throwing', async () => {
    const request = parseHandshakeRequest(new TextEncoder().encode('{"AgentVersion":"3","RequestedClientActions":[{"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":"k"}}]}'));
    const outcome = await processHandshakeRequest(request, ctx());
    expect(outcome.errors[0]).toMatch(/KMSEncryption: this client was started without KMS access/);
    expect(outcome.cipher).toBeUndefined();
  });

  it('answers the encryption challenge: agent-key plaintext re-encrypted with the client key', () => {
    const key = randomBytes(64);
    const client = new SessionCipher(key);
    const swapped = Buffer.concat([key.subarray(32), key.subarray(0, 32)]);
    const agent = new SessionCipher(swapped); // encrypts with bytes 0–31, decrypts with 32–63
    const secret = randomBytes(64);
    const request = new TextEncoder().encode(JSON.stringify({ Challenge: Buffer.from(agent.encrypt(secret)).toString('base64') }));
    const response = json(answerChallenge(client, request));
    expect(Buffer.from(agent.decrypt(Buffer.from(String(response['Challenge']), 'base64'))).equals(secret)).toBe(true);
  });
});
