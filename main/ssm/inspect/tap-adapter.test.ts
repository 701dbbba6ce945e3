import { describe, expect, it } from 'vitest';
import { capturedFrameFromTap } from './tap-adapter.js';

describe('engine frame tap → capture frame', () => {
  it('outgoing text (OpenDataChannel) and incoming binary frames keep their bytes and time', () => {
    const text = capturedFrameFromTap({ direction: 'out', at: 12, bytes: new Uint8Array(), text: '{"TokenValue":"***"}' });
    expect(text.dir).toBe('client->server');
    expect(text.kind).toBe('text');
    expect(Buffer.from(text.bytes).toString()).toBe('{"TokenValue":"***"}');
    expect(text.at).toBe(12);
    const bytes = Uint8Array.of(0, 0, 0, 116);
    expect(capturedFrameFromTap({ direction: 'in', at: 13, bytes })).toEqual({ dir: 'server->client', kind: 'binary', bytes, at: 13 });
  });
});
