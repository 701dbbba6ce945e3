// Above a terminal whose input did not reach its session: what was not sent and what to do
// (input-notice.ts). Not modal: the terminal keeps the keyboard, and the notice stays until it is
// dismissed or the next one replaces it. It takes rows above the terminal, which refits below it,
// so it covers no text (and never sits under the banner at the terminal's foot).
import { useModel } from '../root/model-context.js';
import { useTerminal } from '../terminal/use-terminal.js';
import { useBannerRows } from './banner-room.js';
import type { Tab } from './session-store.js';

export function InputNotice({ tab }: { tab: Tab }) {
  const model = useModel();
  const controller = useTerminal(model.registry, tab.sessionId ?? undefined);
  const text = tab.inputNotice;
  useBannerRows(controller, text !== undefined);
  if (text === undefined) return null;
  return (
    <div className="session-banner in-flow tone-warn input-notice" role="status" data-testid="input-notice">
      <span className="session-banner-text" title={text}>
        {text}
      </span>
      <button className="button button-quiet" onClick={() => model.sessions.dismissInputNotice(tab.key)}>
        Dismiss
      </button>
    </div>
  );
}
