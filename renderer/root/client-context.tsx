// Hands the one PortholeClient to every component.
import { createContext, useContext, type ReactNode } from 'react';
import type { PortholeClient } from '../bridge/client.js';

const ClientContext = createContext<PortholeClient | null>(null);

export function ClientProvider({ client, children }: { client: PortholeClient; children: ReactNode }) {
  return <ClientContext value={client}>{children}</ClientContext>;
}

export function useClient(): PortholeClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient() outside <ClientProvider>');
  return client;
}
