// xterm's render service (`_core._renderService`, as xterm's own fit addon reads it): the one place
// Porthole reaches into xterm's internals for it. Callers check its shape before using it, and leave
// the terminal as it is when a newer xterm shapes it otherwise.

/** The opened Terminal's render service, or undefined when xterm's internals are not there. */
export function renderServiceOf(terminal: object): unknown {
  const core: unknown = (terminal as { _core?: unknown })._core;
  return typeof core === 'object' && core !== null ? (core as { _renderService?: unknown })._renderService : undefined;
}
