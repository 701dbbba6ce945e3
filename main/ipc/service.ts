// What a service implementation looks like, and what it may do with the window that called it.
import type {
  EventName,
  EventPayloadIn,
  MethodName,
  Params,
  ResultIn,
  ServiceName,
} from '../../shared/contract/index.js';

export type { ClientGone, ClientHandle, SessionDataHandler } from '../hubs/client-handle.js';
import type { ClientHandle } from '../hubs/client-handle.js';

export interface CallContext {
  readonly client: ClientHandle;
  /** For events that are not private to a window (e.g. settings.changed). Never for session data. */
  broadcast<S extends ServiceName, E extends EventName<S>>(service: S, event: E, payload: EventPayloadIn<S, E>): void;
}

/** An area's implementation: one function per contract method, params already validated. */
export type ServiceImpl<S extends ServiceName> = {
  [M in MethodName<S>]: (params: Params<S, M>, ctx: CallContext) => Promise<ResultIn<S, M>> | ResultIn<S, M>;
};
