// A KMS-encrypted shell (§6.1, §6.5, §6.6) against the agent: HandshakeRequest with the
// KMSEncryption action and Challenge, data key decrypted through the sandbox KMS key store,
// the encryption challenge, HandshakeComplete with the customer message, then AES-GCM in both
// directions. The test plays the plugin with the client's key halves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageType, PayloadType, decodeChannelClosed, type ClientMessage } from '../../ssm/frame/index.js';
import { KmsKeyStore } from '../api/kms/key-store.js';
import { clientCipher } from '../agent/agent-cipher.js';
import type { SandboxSession } from '../session-registry.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
let fx: Fixture;
let kms: KmsKeyStore;
beforeEach(async () => {
  kms = new KmsKeyStore();
  fx = await startFixture({ kms });
});
afterEach(async () => {
  await fx.close();
});

const json = (f: ClientMessage) => JSON.parse(Buffer.from(f.payload).toString()) as Record<string, unknown>;

async function kmsHandshake(s: SandboxSession, opts: { optIn: boolean; tamper?: boolean }) {
  const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.2.650.0' });
  await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
  const req = json(client.stream[0] as ClientMessage) as { RequestedClientActions: Array<{ ActionType: string; ActionParameters: Record<string, unknown> }> };
  const kmsAction = req.RequestedClientActions[1] as { ActionType: string; ActionParameters: { KMSKeyId: string; Challenge: string } };
  const context: Record<string, string> = { 'aws:ssm:SessionId': s.sessionId, 'aws:ssm:TargetId': s.target };
  if (opts.optIn) context['aws:ssm:RandomChallenge'] = kmsAction.ActionParameters.Challenge;
  const { plaintext, ciphertextBlob } = kms.generateDataKey(kmsAction.ActionParameters.KMSKeyId, 64, context);
  const actionResult: Record<string, unknown> = { KMSCipherTextKey: ciphertextBlob.toString('base64'), KMSCipherTextHash: null };
  if (opts.optIn) actionResult['ChallengeAcknowledgement'] = true;
  client.send(
    PayloadType.HandshakeResponse,
    JSON.stringify({
      ClientVersion: '1.2.650.0',
      ProcessedClientActions: [
        { ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' },
        { ActionType: 'KMSEncryption', ActionStatus: 1, ActionResult: actionResult, Error: '' },
      ],
      Errors: null,
    }),
  );
  await client.waitFor(() => client.stream.length === 2, 'EncChallengeRequest');
  const cipher = clientCipher(plaintext);
  const challenge = client.stream[1] as ClientMessage;
  const plain = Buffer.from(cipher.decrypt(Buffer.from(json(challenge)['Challenge'] as string, 'base64')));
  if (opts.tamper) plain[0] = (plain[0] as number) ^ 1;
  client.send(PayloadType.EncChallengeResponse, JSON.stringify({ Challenge: Buffer.from(cipher.encrypt(plain)).toString('base64') }));
  return { client, req, kmsAction, challenge, cipher, plain };
}

describe('KMS-encrypted shell', () => {
  it('runs the handshake, challenge and encrypted I/O', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' }, { kmsKeyId: KEY_ARN });
    const { client, req, kmsAction, challenge, cipher, plain } = await kmsHandshake(s, { optIn: true });
    expect(req.RequestedClientActions.map((a) => a.ActionType)).toEqual(['SessionType', 'KMSEncryption']);
    expect(req.RequestedClientActions[0]?.ActionParameters).toEqual({ SessionType: 'Standard_Stream', Properties: null });
    expect(kmsAction.ActionParameters.KMSKeyId).toBe(KEY_ARN);
    expect(Buffer.from(kmsAction.ActionParameters.Challenge, 'base64')).toHaveLength(16);
    expect([challenge.sequenceNumber, challenge.payloadType]).toEqual([1, PayloadType.EncChallengeRequest]);
    expect(plain).toHaveLength(64);

    await client.waitFor(() => client.stream.length >= 3, 'HandshakeComplete');
    const done = client.stream[2] as ClientMessage;
    expect(done.payloadType).toBe(PayloadType.HandshakeComplete);
    expect(json(done)['CustomerMessage']).toBe('This session is encrypted using AWS KMS.');

    const text = () => Buffer.concat(client.stream.slice(3).filter((f) => f.payloadType === PayloadType.Output).map((f) => cipher.decrypt(f.payload))).toString();
    client.send(PayloadType.Size, '{"cols":77,"rows":22}'); // Size stays plaintext (§6.6)
    client.send(PayloadType.Output, cipher.encrypt(Buffer.from('echo secret-$((6*7)); stty size\n')));
    await client.waitFor(() => text().includes('secret-42') && text().includes('22 77'), 'decrypted output');
    // On the wire the output is ciphertext: nonce(12) ‖ body ‖ tag(16).
    const wire = Buffer.concat(client.stream.slice(3).map((f) => f.payload)).toString('latin1');
    expect(wire).not.toContain('secret-42');
    client.close();
  });

  it('fails the session with a clear Output when the challenge answer is wrong', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' }, { kmsKeyId: KEY_ARN });
    const { client } = await kmsHandshake(s, { optIn: false, tamper: true });
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    const out = decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output;
    expect(out).toBe('Encountered error while initiating handshake. the encryption challenge response does not match');
    expect(client.stream.some((f) => f.payloadType === PayloadType.HandshakeComplete)).toBe(false);
  });

  it('fails when the client reports a failed action', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' }, { kmsKeyId: KEY_ARN });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
    client.send(
      PayloadType.HandshakeResponse,
      JSON.stringify({ ClientVersion: '1.2.650.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1 }, { ActionType: 'KMSEncryption', ActionStatus: 2, Error: 'no kms:GenerateDataKey' }], Errors: ['no kms:GenerateDataKey'] }),
    );
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output).toContain('KMSEncryption failed on the client: no kms:GenerateDataKey');
  });
});
