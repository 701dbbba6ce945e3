// A quiet line of text in an empty or failed pane. "Not available yet" is shown as such, not as a failure.
import type { CallState } from '../app/use-call.js';

export function Notice({ text, tone = 'muted' }: { text: string; tone?: 'muted' | 'error' }) {
  return (
    <p className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      {text}
    </p>
  );
}

/** Loading / error notice for a call, or null when it succeeded. */
export function CallNotice({ state, what }: { state: CallState<unknown>; what: string }) {
  if (state.status === 'loading') return <Notice text={`Loading ${what}…`} />;
  if (state.status === 'error') return <Notice text={state.message} tone={state.code === 'not_available' ? 'muted' : 'error'} />;
  return null;
}
