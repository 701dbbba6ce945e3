// Runs one contract call when a component mounts and tracks its outcome. For one-off reads
// (app info); anything kept fresh by events lives in a store (state/store.ts).
import { useEffect, useState } from 'react';
import type { MethodName, ParamsIn, Result, ServiceName } from '../../shared/contract/index.js';
import { errorText } from '../bridge/client.js';
import { useClient } from './client-context.js';

export type CallState<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T } | { readonly status: 'error'; readonly code: string; readonly message: string };

export function useCall<S extends ServiceName, M extends MethodName<S>>(service: S, method: M, params: ParamsIn<S, M>): CallState<Result<S, M>> {
  const client = useClient();
  const [state, setState] = useState<CallState<Result<S, M>>>({ status: 'loading' });
  const key = JSON.stringify(params);
  useEffect(() => {
    let live = true;
    client
      .call(service, method, JSON.parse(key) as ParamsIn<S, M>)
      .then((value) => live && setState({ status: 'ready', value }))
      .catch((err: unknown) => live && setState({ status: 'error', code: (err as { code?: string }).code ?? 'failed', message: errorText(err) }));
    return () => {
      live = false;
    };
  }, [client, service, method, key]);
  return state;
}
