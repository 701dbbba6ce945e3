// Bridge for the web host: one WebSocket; text frames carry control JSON, binary frames carry
// data-plane messages in the compact wire format.
import { ContractError, decodeDataFrame, encodeDataFrame, OpenLinkParamsSchema, type ServiceName, type ToMainData } from '../../shared/contract/index.js';
import { Listeners } from '../state/listeners.js';
import { HOST_RESTARTED_TEXT, watchForRestart } from './host-probe.js';
import type { Bridge } from './types.js';

interface Pending {
  resolve(raw: unknown): void;
  reject(err: Error): void;
}

export function createWebSocketBridge(url: string): Bridge {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const pending = new Map<number, Pending>();
  const events = new Map<string, Listeners<[unknown]>>();
  const rejected = new Listeners<[unknown]>();
  const data = new Listeners<[unknown]>();
  const disconnect = new Listeners<[string, boolean]>();
  const queue: Array<string | Uint8Array<ArrayBuffer>> = [];
  let nextId = 1;
  let lost: string | null = null;

  const send = (frame: string | Uint8Array<ArrayBuffer>): void => {
    if (lost !== null) return;
    if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    else queue.push(frame);
  };

  let linkedNow: () => void = () => undefined;
  const linked = new Promise<void>((resolve) => (linkedNow = resolve));
  ws.addEventListener('open', () => {
    for (const frame of queue.splice(0)) ws.send(frame);
    linkedNow();
  });
  ws.addEventListener('close', (e) => {
    linkedNow();
    // Each start of the web host makes a new token: a reload only helps while the same host runs.
    lost = `Lost the connection to Porthole's web host${e.reason ? ` (${e.reason})` : ''}. If it is still running, reload this page; if it stopped, start it again and open the address it prints.`;
    for (const p of pending.values()) p.reject(new ContractError('failed', lost));
    pending.clear();
    disconnect.emit(lost, false);
    // A host started again on this port refuses our token as an earlier run's: then say that, and where the new address is.
    watchForRestart(`${window.location.origin}/`, () => {
      lost = HOST_RESTARTED_TEXT;
      disconnect.emit(lost, true);
    });
  });
  ws.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.data instanceof ArrayBuffer) {
      try {
        data.emit(decodeDataFrame(new Uint8Array(e.data)));
      } catch (err) {
        console.error('porthole: dropped a data frame from the host:', err);
      }
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(String(e.data));
    } catch {
      console.error('porthole: dropped a control frame from the host that is not JSON');
      return;
    }
    const m = msg as { type?: unknown; id?: unknown; service?: unknown; event?: unknown; payload?: unknown };
    if (m.type === 'response' && typeof m.id === 'number' && pending.has(m.id)) {
      pending.get(m.id)?.resolve(msg);
      pending.delete(m.id);
    } else if (m.type === 'event') {
      events.get(`${String(m.service)}.${String(m.event)}`)?.emit(m.payload);
    } else {
      rejected.emit(msg);
    }
  });

  return {
    linked,
    request: (service: ServiceName, method: string, params: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        if (lost !== null) return reject(new ContractError('failed', lost));
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send(JSON.stringify({ type: 'request', id, service, method, params }));
      }),
    onEvent: (service, event, listener) => {
      const key = `${service}.${event}`;
      const set = events.get(key) ?? new Listeners<[unknown]>();
      events.set(key, set);
      return set.add(listener);
    },
    onRejected: (listener) => rejected.add(listener),
    sendData: (msg: ToMainData) => send(encodeDataFrame(msg)),
    onData: (listener) => data.add(listener),
    onDisconnect: (listener) => disconnect.add(listener),
    // A browser page may open a tab itself (the web host's links.open leaves that to the page).
    // With noopener, window.open returns null whether or not it opened, so there is nothing to check.
    openLink: (url, purpose) => {
      // The page opens it, so the page checks what the host's links.open would: http(s), no credentials.
      const checked = OpenLinkParamsSchema.safeParse({ url, purpose });
      if (!checked.success) return Promise.resolve({ opened: false, reason: checked.error.issues.map((i) => i.message).join('; ') });
      window.open(url, '_blank', 'noopener,noreferrer');
      return Promise.resolve({ opened: true });
    },
    // The browser shows its own "leave this page?" prompt when the unload is prevented.
    browserKeys: true,
    showsFiles: false,
    guardUnload: (shouldAsk) => {
      const onBeforeUnload = (e: BeforeUnloadEvent): void => {
        if (shouldAsk()) e.preventDefault();
      };
      window.addEventListener('beforeunload', onBeforeUnload);
      return () => window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
