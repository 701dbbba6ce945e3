// In the tree's header, beside the ↻ (where it moves no row of the tree): that "Refresh
// everything" is running, that it finished (for a moment), or why it failed (until the next try).
// The live region is always there, empty when there is nothing to say, so a screen reader hears
// each change; its whole text is its tooltip, as a narrow tree cuts it.
import type { RefreshAllState } from './refresh-all.js';

function clock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

function textOf(state: RefreshAllState): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'busy':
      return 'Refreshing…';
    case 'done':
      return `Refreshed at ${clock(state.at)}`;
    case 'failed':
      return `Refresh failed: ${state.message}`;
  }
}

export function RefreshAllStatus({ state }: { state: RefreshAllState }) {
  const text = textOf(state);
  return (
    <span
      id="tree-refresh-status"
      className={`tree-refresh${state.phase === 'failed' ? ' tone-fail' : ''}`}
      role="status"
      data-testid="refresh-status"
      data-phase={state.phase}
      title={text === '' ? undefined : text}
    >
      {state.phase === 'busy' && <span className="spinner" aria-hidden="true" />}
      {text}
    </span>
  );
}
