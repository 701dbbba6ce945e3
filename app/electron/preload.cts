// Sandboxed preload (CommonJS: a sandboxed preload can only require electron and a few
// built-ins, so nothing from this repo is imported at runtime — types only).
// It exposes one function per contract message; ipcRenderer and its events stay in here.
import { contextBridge, ipcRenderer } from 'electron';
import type { EventName, MethodName, ServiceName } from '../../shared/contract/index.js' with { 'resolution-mode': 'import' };

// Kept in step with shared/contract by the compiler (names must exist and none may be missing)
// and by preload.test.ts (the exposed API has exactly the contract's methods and events).
const METHODS = {
  app: ['info', 'notices'],
  settings: ['get', 'update', 'rememberTarget', 'changeTree', 'changeLayout', 'changeRegion'],
  inventory: ['profiles', 'children', 'refresh', 'watch', 'filter'],
  sessions: ['open', 'list', 'close', 'rename', 'restart', 'setRecording', 'adoptable', 'adopt'],
  forwards: ['create', 'list', 'stop', 'restart', 'edit', 'remove', 'setAutoRestart', 'save', 'saved', 'restore', 'forget'],
  transfers: ['list', 'startUpload', 'uploadChunk', 'startDownload', 'readDownload', 'cancel', 'dismiss', 'lastPath'],
  diagnostics: ['run'],
  auth: ['respondMfa', 'ssoSignIn', 'cancelSsoSignIn'],
  inspector: ['subscribe', 'unsubscribe'],
  links: ['open'],
  files: ['showInFolder'],
} as const satisfies { [S in ServiceName]: readonly MethodName<S>[] };

const EVENTS = {
  app: ['notice'],
  settings: ['changed'],
  inventory: ['progress', 'error', 'changed', 'stale'],
  sessions: ['status', 'info', 'inputWait', 'moved'],
  forwards: ['stats', 'updated'],
  transfers: ['updated'],
  diagnostics: ['waiting'],
  auth: ['mfaPrompt', 'ssoPrompt'],
  inspector: ['frame', 'gap'],
  links: [],
  files: [],
} as const satisfies { [S in ServiceName]: readonly EventName<S>[] };

type Exhaustive<T extends { [S in ServiceName]: readonly string[] }, N extends { [S in ServiceName]: string }> = {
  [S in ServiceName]: Exclude<N[S], T[S][number]>;
}[ServiceName];
const methodsComplete: [Exhaustive<typeof METHODS, { [S in ServiceName]: MethodName<S> }>] extends [never] ? true : never = true;
const eventsComplete: [Exhaustive<typeof EVENTS, { [S in ServiceName]: EventName<S> }>] extends [never] ? true : never = true;
void methodsComplete;
void eventsComplete;

// Duplicated literals from shared/contract/preload-api.ts (IPC_CHANNELS): this file cannot import values.
const CHANNEL = { control: 'porthole:control', push: 'porthole:push', connect: 'porthole:connect', port: 'porthole:data-port' } as const;

type Listener = (payload: unknown) => void;
const eventListeners = new Map<string, Set<Listener>>();
const dataListeners = new Set<Listener>();
const rejectedListeners = new Set<Listener>();

function subscribe(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

function deliver(set: Iterable<Listener> | undefined, payload: unknown): void {
  for (const l of set ?? []) l(payload);
}

// Requests are numbered here so that the page cannot forge envelopes, only params.
let nextRequestId = 0;
function buildControl(): Record<string, Record<string, (params: unknown) => Promise<unknown>>> {
  const control: Record<string, Record<string, (params: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(METHODS)) {
    control[service] = {};
    for (const method of methods) {
      control[service][method] = (params: unknown) => ipcRenderer.invoke(CHANNEL.control, { type: 'request', id: nextRequestId++, service, method, params });
    }
  }
  return control;
}

function buildEvents(): Record<string, Record<string, (listener: Listener) => () => void>> {
  const events: Record<string, Record<string, (listener: Listener) => () => void>> = {};
  for (const [service, names] of Object.entries(EVENTS)) {
    events[service] = {};
    for (const event of names as readonly string[]) {
      const key = `${service}.${event}`;
      const set = eventListeners.get(key) ?? new Set<Listener>();
      eventListeners.set(key, set);
      events[service][event] = (listener: Listener) => subscribe(set, listener);
    }
  }
  return events;
}

// The data plane rides a MessagePort main hands over after `connect`; sends made before it
// arrives wait in order.
/** The DOM MessagePort as the preload uses it (app/ compiles without the DOM lib). */
interface PortLike {
  postMessage(msg: unknown): void;
  onmessage: ((e: { data: unknown }) => void) | null;
}
let port: PortLike | null = null;
const pending: unknown[] = [];
function postData(msg: unknown): void {
  if (port === null) pending.push(msg);
  else port.postMessage(msg);
}

ipcRenderer.on(CHANNEL.port, (event) => {
  const received = event.ports[0] as unknown as PortLike | undefined;
  if (received === undefined) return;
  port = received;
  port.onmessage = (e) => deliver(dataListeners, e.data);
  for (const msg of pending.splice(0)) port.postMessage(msg);
});

ipcRenderer.on(CHANNEL.push, (_event, msg: unknown) => {
  if (typeof msg !== 'object' || msg === null) return;
  const m = msg as { type?: unknown; service?: unknown; event?: unknown; payload?: unknown };
  if (m.type === 'event') deliver(eventListeners.get(`${String(m.service)}.${String(m.event)}`), m.payload);
  else deliver(rejectedListeners, msg);
});

const api = {
  control: buildControl(),
  events: buildEvents(),
  data: {
    input: (sessionId: string, bytes: Uint8Array, kind?: unknown) => postData({ type: 'input_stream_data', sessionId, bytes, ...(kind === undefined ? {} : { kind }) }),
    ack: (sessionId: string, bytes: number) => postData({ type: 'ack', sessionId, bytes }),
    resize: (sessionId: string, cols: number, rows: number) => postData({ type: 'resize', sessionId, cols, rows }),
    onMessage: (listener: Listener) => subscribe(dataListeners, listener),
  },
  onRejected: (listener: Listener) => subscribe(rejectedListeners, listener),
};

// The renderer sees this as PreloadApi (shared/contract); control and events are built per service from the contract's lists.
contextBridge.exposeInMainWorld('porthole', api);
ipcRenderer.send(CHANNEL.connect);
