// The frame tap's view of a text message the client sent (OpenDataChannel, §3.3), its token masked.
import type { TapEvent } from '../channel/index.js';

export function textTapEvent(json: string): TapEvent {
  const masked = json.replace(/("TokenValue":)"[^"]*"/, '$1"***"');
  return { direction: 'out', at: Date.now(), bytes: new TextEncoder().encode(masked), text: masked };
}
