// Bridge for the Electron host: wraps `window.porthole` from the preload.
import { ContractError, type PreloadApi, type ServiceName, type ToMainData } from '../../shared/contract/index.js';
import type { Bridge } from './types.js';

type Table<F> = Readonly<Record<string, Readonly<Record<string, F>>>>;

export function createElectronBridge(api: PreloadApi): Bridge {
  const control = api.control as unknown as Table<(params: unknown) => Promise<unknown>>;
  const events = api.events as unknown as Table<(listener: (payload: unknown) => void) => () => void>;
  return {
    // The preload's API is there from the start: nothing to wait for.
    linked: Promise.resolve(),
    request: (service: ServiceName, method: string, params: unknown) => {
      const fn = control[service]?.[method];
      return fn ? fn(params) : Promise.reject(new ContractError('unknown_method', `This window's preload has no ${service}.${method}.`));
    },
    onEvent: (service, event, listener) => {
      const subscribe = events[service]?.[event];
      if (!subscribe) throw new ContractError('unknown_method', `This window's preload has no event ${service}.${event}.`);
      return subscribe(listener);
    },
    onRejected: (listener) => api.onRejected(listener),
    sendData: (msg: ToMainData) => {
      if (msg.type === 'input_stream_data') api.data.input(msg.sessionId, msg.bytes, msg.kind);
      else if (msg.type === 'ack') api.data.ack(msg.sessionId, msg.bytes);
      else api.data.resize(msg.sessionId, msg.cols, msg.rows);
    },
    onData: (listener) => api.data.onMessage(listener),
    // The main process outlives its windows: there is no link to lose.
    onDisconnect: () => () => undefined,
    // Electron denies window.open from the page: main opens links in the user's browser.
    openLink: (_url, _purpose, viaHost) => viaHost(),
    // Main decides about closing (its close guard asks); a prevented unload here would silently
    // keep the window open.
    guardUnload: () => () => undefined,
    browserKeys: false,
    showsFiles: true,
  };
}
