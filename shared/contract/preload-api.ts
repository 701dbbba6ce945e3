// The shape of `window.porthole`, exposed by the Electron preload: one function per contract
// message, never ipcRenderer itself. Everything it returns is unchecked and is validated by the
// renderer's client (renderer/bridge), exactly like messages from the web host.
import type { EventName, MethodName, ServiceName } from './services.js';

export type PreloadControlApi = {
  readonly [S in ServiceName]: { readonly [M in MethodName<S>]: (params: unknown) => Promise<unknown> };
};

export type PreloadEventsApi = {
  readonly [S in ServiceName]: { readonly [E in EventName<S>]: (listener: (payload: unknown) => void) => () => void };
};

export interface PreloadDataApi {
  /** `kind`: 'paste' for pasted input, absent for typed keys. */
  input(sessionId: string, bytes: Uint8Array, kind?: 'paste'): void;
  ack(sessionId: string, bytes: number): void;
  resize(sessionId: string, cols: number, rows: number): void;
  /** Every main → renderer data message (output_stream_data, status), unchecked. */
  onMessage(listener: (msg: unknown) => void): () => void;
}

export interface PreloadApi {
  readonly control: PreloadControlApi;
  readonly events: PreloadEventsApi;
  readonly data: PreloadDataApi;
  /** Main refused a message this window sent (e.g. malformed data). */
  onRejected(listener: (rejection: unknown) => void): () => void;
}

/** IPC channel names shared by the preload and the Electron main process. */
export const IPC_CHANNELS = {
  control: 'porthole:control',
  push: 'porthole:push',
  connect: 'porthole:connect',
  port: 'porthole:data-port',
} as const;

/** The name under which the preload exposes the API in the page. */
export const PRELOAD_GLOBAL = 'porthole';
