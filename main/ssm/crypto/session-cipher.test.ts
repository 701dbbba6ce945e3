import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AgentCipher } from '../../sandbox/agent/agent-cipher.js';
import { SessionCipher, SessionCipherError } from './session-cipher.js';

describe('SessionCipher (§6.6)', () => {
  it('interoperates with the sandbox agent\'s cipher in both directions', () => {
    const key = randomBytes(64);
    const client = new SessionCipher(key);
    const agent = new AgentCipher(key);
    const down = randomBytes(3000);
    expect(Buffer.from(client.decrypt(agent.encrypt(down))).equals(down)).toBe(true);
    const up = randomBytes(1024);
    const wire = client.encrypt(up);
    expect(wire.length).toBe(12 + 1024 + 16); // nonce ‖ ciphertext ‖ tag
    expect(Buffer.from(agent.decrypt(wire)).equals(up)).toBe(true);
  });

  it('rejects wrong-size keys, short payloads and tampering with typed errors', () => {
    expect(() => new SessionCipher(randomBytes(32))).toThrow(SessionCipherError);
    const client = new SessionCipher(randomBytes(64));
    expect(() => client.decrypt(randomBytes(20))).toThrow(/shorter than nonce \+ tag/);
    const agent = new AgentCipher(randomBytes(64));
    expect(() => client.decrypt(agent.encrypt(Buffer.from('hi')))).toThrow(/authentication failed/);
  });
});
