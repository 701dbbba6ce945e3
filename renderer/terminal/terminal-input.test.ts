// Input that does not reach the session is told in the tab, once, as what the person did: a paste
// with its size, or typed keys. A paste bigger than one message goes in several, in order.
import type { Terminal } from '@xterm/xterm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError, DATA_LIMITS, parseToMainData } from '../../shared/contract/index.js';
import type { InputKind } from '../../shared/contract/index.js';
import type { RefusedInputNotice } from './input-ledger.js';
import { inputNoticeText } from '../sessions/input-notice.js';
import { RemoteSize } from './remote-size.js';
import { connectInput } from './terminal-input.js';

/** Just what connectInput uses of xterm: its data events and paste (which fires onData before it returns, as xterm's does). */
function fakeTerm(): { term: Terminal; type: (text: string) => void; key: (init: KeyboardEventInit, type?: string) => void } {
  let onData: (data: string) => void = () => undefined;
  let onKey: (e: KeyboardEvent) => boolean = () => true;
  const term = {
    attachCustomKeyEventHandler: (handler: (e: KeyboardEvent) => boolean) => {
      onKey = handler;
    },
    onData: (listener: (data: string) => void) => {
      onData = listener;
      return { dispose: () => undefined };
    },
    onBinary: () => ({ dispose: () => undefined }),
    paste: (text: string) => onData(text),
  };
  // What xterm hands its key handler (node has no KeyboardEvent): the fields typedBytes reads.
  const key = (init: KeyboardEventInit, type = 'keydown') => void onKey({ ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, isComposing: false, ...init, type } as KeyboardEvent);
  return { term: term as unknown as Terminal, type: (text) => onData(text), key };
}

function wired(options: { live?: boolean | (() => boolean); elsewhere?: () => boolean; send?: (bytes: Uint8Array) => void; beforeInput?: () => void } = {}) {
  const { term, type, key } = fakeTerm();
  const live = options.live;
  const sent: number[] = [];
  /** Each message as main would get it: its size and the kind it was sent as. */
  const messages: Array<{ bytes: number; kind: InputKind }> = [];
  const told: RefusedInputNotice[] = [];
  const input = connectInput(term, {
    sessionId: 's-1',
    live: () => (typeof live === 'function' ? live() : (live ?? true)),
    elsewhere: options.elsewhere ?? (() => false),
    key: () => true,
    beforeInput: options.beforeInput ?? (() => undefined),
    host: {
      background: { input: () => undefined } as never,
      sendInput: (sessionId, bytes, kind) => {
        parseToMainData({ type: 'input_stream_data', sessionId, bytes, ...(kind === 'paste' ? { kind } : {}) }); // what the client checks before it sends
        options.send?.(bytes);
        sent.push(bytes.byteLength);
        messages.push({ bytes: bytes.byteLength, kind });
      },
      inputRefused: (_id, notice) => told.push(notice),
    },
  });
  return { input, type, key, sent, messages, told };
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
    input.refused(DATA_LIMITS.MAX_CHUNK_BYTES, 'starting', 'paste', 'Input refused');
    input.refused(120_000, 'starting', 'paste', 'Input refused');
    expect(told).toEqual([{ kind: 'paste', bytes: size, why: 'starting', detail: 'Input refused' }]);
  });

  it('tells typed keys main refused as typed input of their size', () => {
    const { type, input, told } = wired();
    type('ls');
    input.refused(2, 'closed', 'keys', 'Input refused');
    expect(told).toEqual([{ kind: 'keys', bytes: 2, why: 'closed', detail: 'Input refused' }]);
  });

  // Keys and a paste of the same size, one refused and not the other: the size alone cannot say
  // which, so the kind each message was sent with comes back in main's refusal and decides.
  it.each([
    { first: 'keys', refused: 'paste', words: 'Paste of 2 bytes not sent: the session was still starting. Paste again once it is connected.' },
    { first: 'paste', refused: 'keys', words: 'Typed input (2 bytes) not sent: the session was still starting. Type it again once it is connected.' },
  ] as const)('tells the $refused refused as $refused when $first of the same size went first', ({ first, refused, words }) => {
    const { input, type, messages, told } = wired();
    const send = { keys: () => type('ab'), paste: () => input.paste('cd') };
    send[first]();
    send[first === 'keys' ? 'paste' : 'keys']();
    // Main refuses the one message of that kind, saying back the kind it came with.
    const message = messages.find((m) => m.kind === refused);
    if (message === undefined) throw new Error(`no ${refused} message was sent`);
    input.refused(message.bytes, 'starting', message.kind, 'Input refused');
    expect(told.map((n) => inputNoticeText(n, null))).toEqual([words]);
  });

  it('tells a paste into a session that takes no input (xterm would drop it without a word)', () => {
    const { input, sent, told } = wired({ live: false });
    input.paste('ü'.repeat(60_000));
    expect(sent).toEqual([]);
    expect(told).toEqual([{ kind: 'paste', bytes: 120_000, why: 'closed' }]);
  });

  it('tells keys typed into a session that takes no input, counting them until it takes input again; shortcuts and key ups are not typing', () => {
    let live = false;
    const { key, told } = wired({ live: () => live });
    key({ key: 'l' });
    key({ key: 'l' }, 'keyup');
    key({ key: 'F', ctrlKey: true, shiftKey: true });
    key({ key: 'W', altKey: true, shiftKey: true });
    key({ key: 'Shift', shiftKey: true });
    key({ key: 'ArrowUp' });
    key({ key: 'ü' });
    key({ key: 'Enter' });
    expect(told).toEqual([
      { kind: 'keys', bytes: 1, why: 'closed' },
      { kind: 'keys', bytes: 3, why: 'closed' },
      { kind: 'keys', bytes: 4, why: 'closed' },
    ]);
    live = true;
    key({ key: 'x' });
    live = false;
    key({ key: 'y' });
    expect(told.at(-1)).toEqual({ kind: 'keys', bytes: 1, why: 'closed' });
    expect(told).toHaveLength(4);
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

  it('tells keys and a paste into a tab whose session another window took as open there, not closed, and as closed again once taken back and ended', () => {
    let elsewhere = true;
    let live = false;
    const { input, key, sent, told } = wired({ live: () => live, elsewhere: () => elsewhere });
    key({ key: 'l' });
    input.paste('ls -la');
    expect(sent).toEqual([]);
    expect(told).toEqual([
      { kind: 'keys', bytes: 1, why: 'elsewhere' },
      { kind: 'paste', bytes: 6, why: 'elsewhere' },
    ]);
    expect(told.map((n) => inputNoticeText(n, null))).toEqual([
      'Typed input (1 byte) not sent: this session is open in another window. Take it back here, then type it again.',
      'Paste of 6 bytes not sent: this session is open in another window. Take it back here, then paste again.',
    ]);
    // Taken back, then ended here: closed again.
    elsewhere = false;
    live = true;
    key({ key: 'x' });
    live = false;
    key({ key: 'y' });
    expect(told.at(-1)).toEqual({ kind: 'keys', bytes: 1, why: 'closed' });
  });
});

describe('terminal input and the terminal size on its way to the session', () => {
  const DEBOUNCE_MS = 150;
  afterEach(() => void vi.useRealTimers());

  /** Input wired to a RemoteSize as the controller wires them; `wire` is what main gets, in order. */
  function sized() {
    vi.useFakeTimers();
    const wire: string[] = [];
    const size = new RemoteSize(DEBOUNCE_MS, () => wire.push('size'));
    const { type, input } = wired({ beforeInput: () => size.beforeInput(), send: (bytes) => wire.push(`keys ${new TextDecoder().decode(bytes)}`) });
    return { size, type, input, wire };
  }

  it('sends a size still waiting for its debounce ahead of keys typed at it, and not again after', () => {
    const { size, type, wire } = sized();
    size.changed(); // the first fit, just before the first prompt's keys
    type('stty size\r');
    expect(wire).toEqual(['size', 'keys stty size\r']);
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    expect(wire).toEqual(['size', 'keys stty size\r']);
  });

  it('sends a size still waiting ahead of a paste', () => {
    const { size, input, wire } = sized();
    size.changed();
    input.paste('ls');
    expect(wire).toEqual(['size', 'keys ls']);
  });

  it('still sends the sizes of a drag once, after the last; keys with no size waiting send none', () => {
    const { size, type, wire } = sized();
    for (let i = 0; i < 5; i++) {
      size.changed();
      vi.advanceTimersByTime(DEBOUNCE_MS / 3);
    }
    expect(wire).toEqual([]);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    type('a');
    expect(wire).toEqual(['size', 'keys a']);
  });
});
