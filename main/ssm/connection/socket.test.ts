import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { conformanceDir } from '../../../testing/ssm/conformance.js';
import { wsText } from '../../../testing/web/ws-text.js';
import { Backoff, backoffDelay } from './constants.js';
import { DataSocket, openDataChannelJson } from './socket.js';

const golden = JSON.parse(readFileSync(join(conformanceDir(), 'open_data_channel_text_frame.json'), 'utf8')) as { captured_json: string; field_order: string[] };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('OpenDataChannel (§3.3)', () => {
  it('matches the plugin\'s text frame except for the random RequestId', () => {
    const json = openDataChannelJson({ streamUrl: 'ws://x', tokenValue: 'fixed-token-value', clientId: 'fixed-client-id', clientVersion: '1.2.0.0' });
    expect(Object.keys(JSON.parse(json) as object)).toEqual(golden.field_order);
    const mask = (s: string) => s.replace(/"RequestId":"[0-9a-f-]{36}"/, '"RequestId":"*"');
    expect(mask(json)).toBe(mask(golden.captured_json));
    expect(openDataChannelJson({ streamUrl: 'ws://x', tokenValue: 't', clientId: 'c', clientVersion: 'v' })).not.toBe(openDataChannelJson({ streamUrl: 'ws://x', tokenValue: 't', clientId: 'c', clientVersion: 'v' }));
  });

  it('is sent as the first, TEXT, frame, followed by a keepalive ping', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => wss.close());
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      wss.once('connection', (ws: WebSocket) => {
        ws.once('message', (data, isBinary) => seen.push(`${isBinary ? 'binary' : 'text'}:${wsText(data)}`));
        ws.once('ping', (data) => { seen.push(`ping:${String(data)}`); resolve(); });
      });
    });
    const { port } = wss.address() as { port: number };
    const socket = await DataSocket.open({ streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 'tok', clientId: 'cid', clientVersion: '1.2.650.0' }, { message: () => {}, closed: () => {} });
    cleanups.push(() => socket.close());
    await done;
    expect(seen[0]).toMatch(/^text:\{"MessageSchemaVersion":"1.0","RequestId":"[0-9a-f-]{36}","TokenValue":"tok","ClientId":"cid","ClientVersion":"1.2.650.0"\}$/);
    expect(seen[1]).toBe('ping:keepalive');
  });
});

describe('backoff (§9)', () => {
  it('starts at 100–199 ms, doubles, and restarts past 5 s', () => {
    const fixed = () => 0.5;
    expect(backoffDelay(1, Backoff, fixed)).toBe(0);
    expect(backoffDelay(2, Backoff, fixed)).toBe(150);
    expect(backoffDelay(3, Backoff, fixed)).toBe(300);
    expect(backoffDelay(7, Backoff, fixed)).toBe(4800);
    expect(backoffDelay(8, Backoff, fixed)).toBe(150);
  });
});
