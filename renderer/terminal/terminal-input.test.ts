// Input that does not reach the session is told in the tab, once, as what the person did: a paste
// with its size, or typed keys. A paste bigger than one message goes in several, in order.
import type { Terminal } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { ContractError, DATA_LIMITS, parseToMainData } from '../../shared/contract/index.js';
import type { RefusedInputNotice } from './input-ledger.js';
import { connectInput } from './terminal-input.js';

/** Just what connectInput uses of xterm: its data events and paste (which fires onData before it returns, as xterm's does). */
function fakeTerm(): { term: Terminal; type: (text: string) => void } {
  let onData: (data: string) => void = () => undefined;
  const term = {
    attachCustomKeyEventHandler: () => undefined,
    onData: (listener: (data: string) => void) => {
      onData = listener;
      return { dispose: () => undefined };
    },
    onBinary: () => ({ dispose: () => undefined }),
    paste: (text: string) => onData(text),
  };
  return { term: term as unknown as Terminal, type: (text) => onData(text) };
}

function wired(options: { live?: boolean; send?: (bytes: Uint8Array) => void } = {}) {
  const { term, type } = fakeTerm();
  const sent: number[] = [];
  const told: RefusedInputNotice[] = [];
  const input = connectInput(term, {
    sessionId: 's-1',
    live: () => options.live ?? true,
    key: () => true,
    host: {
      background: { input: () => undefined } as never,
      sendInput: (sessionId, bytes) => {
        parseToMainData({ type: 'input_stream_data', sessionId, bytes }); // what the client checks before it sends
        options.send?.(bytes);
        sent.push(bytes.byteLength);
      },
      inputRefused: (_id, notice) => told.push(notice),
    },
  });
  return { input, type, sent, told };
}

describe('terminal input that does not reach the session', () => {
  it('sends a paste bigger than one message in several, none past the contract’s bound', () => {
    const { input, sent, told } = wired();
    const size = DATA_LIMITS.MAX_CHUNK_BYTES * 2 + 5;
    input.paste('x'.repeat(size));
    expect(sent).toEqual([DATA_LIMITS.MAX_CHUNK_BYTES, DATA_LIMITS.MAX_CHUNK_BYTES, 5]);
    expect(told).toEqual([]);
  });

  it('tells a paste main refused once, with the whole paste’s size, however many of its messages were refused', () => {
    const { input, type, told } = wired();
    type('a');
    const size = DATA_LIMITS.MAX_CHUNK_BYTES + 120_000;
    input.paste('y'.repeat(size));
    input.refused(DATA_LIMITS.MAX_CHUNK_BYTES, 'starting', 'Input refused');
    input.refused(120_000, 'starting', 'Input refused');
    expect(told).toEqual([{ kind: 'paste', bytes: size, why: 'starting', detail: 'Input refused' }]);
  });

  it('tells typed keys main refused as typed input of their size', () => {
    const { type, input, told } = wired();
    type('ls');
    input.refused(2, 'closed', 'Input refused');
    expect(told).toEqual([{ kind: 'keys', bytes: 2, why: 'closed', detail: 'Input refused' }]);
  });

  it('tells a paste into a session that takes no input (xterm would drop it without a word)', () => {
    const { input, sent, told } = wired({ live: false });
    input.paste('ü'.repeat(60_000));
    expect(sent).toEqual([]);
    expect(told).toEqual([{ kind: 'paste', bytes: 120_000, why: 'closed' }]);
  });

  it('tells a paste that could not be sent at all (the link is gone), and sends none of the rest of it', () => {
    const { input, sent, told } = wired({
      send: () => {
        throw new ContractError('failed', 'Lost the connection to Porthole’s web host.');
      },
    });
    input.paste('z'.repeat(DATA_LIMITS.MAX_CHUNK_BYTES + 1));
    expect(sent).toEqual([]);
    expect(told).toEqual([{ kind: 'paste', bytes: DATA_LIMITS.MAX_CHUNK_BYTES + 1, why: 'other', detail: 'Lost the connection to Porthole’s web host.' }]);
  });
});
