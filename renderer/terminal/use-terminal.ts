// A tab's controller for React: undefined until the registry has built it (the terminal code
// loads on first use), then the same object for the tab's life; re-renders when that changes.
import { useSyncExternalStore } from 'react';
import type { TerminalController } from './terminal-controller.js';
import type { TerminalRegistry } from './terminal-registry.js';

export function useTerminal(registry: TerminalRegistry, sessionId: string | null | undefined): TerminalController | undefined {
  return useSyncExternalStore(registry.subscribe, () => (sessionId ? registry.get(sessionId) : undefined));
}
