// Connects the engine's frame tap (channel TapEvent) to the capture writer and the describer.
import type { TapEvent } from '../channel/index.js';
import type { CapturedFrame } from './capture-writer.js';

export function capturedFrameFromTap(event: TapEvent): CapturedFrame {
  const dir = event.direction === 'out' ? 'client->server' : 'server->client';
  if (event.text !== undefined) return { dir, kind: 'text', bytes: Buffer.from(event.text, 'utf8'), at: event.at };
  return { dir, kind: 'binary', bytes: event.bytes, at: event.at };
}
