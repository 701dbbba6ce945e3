// Carries the contract over one WebSocket: text frames are control-plane JSON, binary frames
// are data-plane messages in the compact wire format (shared/contract/wire.ts).
import type { WebSocket } from 'ws';
import {
  ContractError,
  decodeDataFrame,
  encodeDataFrame,
  parseControlText,
  type ToRendererControl,
  type ToRendererData,
} from '../../shared/contract/index.js';
import type { Router } from '../../main/ipc/router.js';

export function serveWebSocketClient(ws: WebSocket, router: Router): void {
  const connection = router.connect({
    sendControl: (msg: ToRendererControl) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    },
    sendData: (msg: ToRendererData) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeDataFrame(msg), { binary: true });
    },
  });

  ws.on('message', (raw, isBinary) => {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (isBinary) {
      let msg: unknown;
      try {
        // A copy: decoded input is a view into the frame, and ws's Buffer can be a slice of a larger
        // socket read that main would then keep alive while the input waits in a session's queue.
        msg = decodeDataFrame(new Uint8Array(bytes));
      } catch (err) {
        const error = err instanceof ContractError ? err : new ContractError('malformed', String(err));
        ws.send(JSON.stringify({ type: 'rejected', plane: 'data', error: error.toRemote() } satisfies ToRendererControl));
        return;
      }
      connection.handleData(msg);
      return;
    }
    let request: unknown;
    try {
      request = parseControlText(bytes.toString('utf8'));
    } catch (err) {
      connection.rejectControl(err instanceof ContractError ? err : new ContractError('malformed', String(err)));
      return;
    }
    void connection.handleControl(request).then((response) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });
  ws.on('close', () => connection.close());
  ws.on('error', () => connection.close());
}
