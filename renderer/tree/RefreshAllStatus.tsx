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
    case 'partial':
      return `Refreshed with ${state.count} ${state.count === 1 ? 'problem' : 'problems'} at ${clock(state.at)}`;
    case 'failed':
      return `Refresh failed: ${state.message}`;
  }
}

/** The tooltip: the whole text, and for a refresh with problems the first one's words. */
function titleOf(state: RefreshAllState, text: string): string | undefined {
  if (text === '') return undefined;
  return state.phase === 'partial' ? `${text}. First: ${state.first}` : text;
}

export function RefreshAllStatus({ state }: { state: RefreshAllState }) {
  const text = textOf(state);
  const tone = state.phase === 'failed' ? ' tone-fail' : state.phase === 'partial' ? ' tone-warn' : '';
  return (
    <span
      id="tree-refresh-status"
      className={`tree-refresh${tone}`}
      role="status"
      data-testid="refresh-status"
      data-phase={state.phase}
      title={titleOf(state, text)}
    >
      {state.phase === 'busy' && <span className="spinner" aria-hidden="true" />}
      {text}
    </span>
  );
}
