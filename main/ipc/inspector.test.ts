// The inspector through the router against the sandbox: live frames of a window's own session,
// with secrets masked, and nothing for sessions of other windows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InspectorFrame } from '../../shared/contract/index.js';
import { decodeFrame } from '../ssm/frame/index.js';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP } from '../../testing/composition/sandbox-app.js';
import { eventually, type TestClient } from '../../testing/composition/test-client.js';

const app = sandboxAppPerFile();
let c: TestClient;
let other: TestClient;
beforeAll(() => {
  c = app.window();
  other = app.window();
});

describe('inspector service', () => {
  it('streams the frames of a session to the window that subscribed, masked', async () => {
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24 });
    expect(await c.call('inspector', 'subscribe', { sessionId: session.id })).toEqual({});
    await c.untilState(session.id, 'connected');
    c.input(session.id, 'echo inspected-$((5*5))\r');
    await c.untilText(session.id, 'inspected-25');
    const frames = () => c.eventsOf('inspector', 'frame') as InspectorFrame[];
    await eventually('an output frame in and an input frame out', () => frames().some((f) => f.direction === 'in' && f.messageType === 'output_stream_data') && frames().some((f) => f.direction === 'out' && f.messageType === 'input_stream_data'));
    for (const f of frames()) expect(f.sessionId).toBe(session.id);
    const out = frames().find((f) => f.direction === 'in' && f.messageType === 'output_stream_data');
    const decoded = decodeFrame(Buffer.from(out?.frameBase64 ?? '', 'base64'));
    expect(decoded.sequenceNumber).toBe(out?.sequence);
    // Whatever the OpenDataChannel text frame held as a token is masked before it left main.
    const open = frames().find((f) => f.messageType === 'open_data_channel');
    if (open !== undefined) expect(Buffer.from(open.frameBase64, 'base64').toString('utf8')).not.toMatch(/"TokenValue":"[^*"]/);
    expect(other.eventsOf('inspector', 'frame')).toEqual([]);

    await c.call('inspector', 'unsubscribe', { sessionId: session.id });
    const count = frames().length;
    c.input(session.id, 'echo quiet-$((1+1))\r');
    await c.untilText(session.id, 'quiet-2');
    expect(frames().length).toBe(count);
    await c.call('sessions', 'close', { id: session.id });
  });

  it('refuses to watch a session of another window', async () => {
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24 });
    await expect(other.call('inspector', 'subscribe', { sessionId: session.id })).rejects.toMatchObject({ code: 'failed' });
    await c.call('sessions', 'close', { id: session.id });
  });
});
