// Above a terminal whose input did not reach its session: what was not sent and what to do
// (input-notice.ts). Not modal: the terminal keeps the keyboard, and the notice stays until it is
// dismissed or the next one replaces it. It floats at the top right of the pane, as a toast inside
// the tab, away from the cursor's line (usually the last ones) and from the banner at the foot. It
// takes no rows: the terminal keeps its size, so the remote is not resized (a full-screen program
// would redraw for it) when a notice comes or goes.
import { useModel } from '../root/model-context.js';
import type { Tab } from './session-store.js';

export function InputNotice({ tab }: { tab: Tab }) {
  const model = useModel();
  const text = tab.inputNotice;
  if (text === undefined) return null;
  return (
    <div className="session-banner tone-warn input-notice" role="status" data-testid="input-notice">
      <span className="session-banner-text" title={text}>
        {text}
      </span>
      <button className="button button-quiet" onClick={() => model.sessions.dismissInputNotice(tab.key)}>
        Dismiss
      </button>
    </div>
  );
}
