// Above a terminal whose session is not connected: what happened, in plain words, and what to do.
import { useModel } from '../root/model-context.js';
import type { Tab } from './session-store.js';
import { statusLine } from './TabStrip.js';

export function SessionBanner({ tab }: { tab: Tab }) {
  const model = useModel();
  const { state } = tab.status;
  if (state === 'connected') return null;
  if (state === 'connecting' || state === 'reconnecting') {
    return (
      <div className="session-banner tone-warn" role="status">
        <span className="spinner" aria-hidden="true" /> {statusLine(tab)}
      </div>
    );
  }
  return (
    <div className="session-banner tone-closed" role="status" data-testid="session-closed">
      <span className="session-banner-text" title={statusLine(tab)}>
        {statusLine(tab)}
      </span>
      {tab.elsewhere === true ? (
        <button className="button" onClick={() => void model.handover.takeBack(tab.key)}>
          Take back here
        </button>
      ) : (
        <button className="button" onClick={() => void model.sessions.restart(tab.key)}>
          Restart session
        </button>
      )}
      {tab.elsewhere !== true && (
        <button
          className="button button-quiet"
          onClick={() => {
            model.panel.show('diagnostics');
            void model.diagnostics.run(tab.target, tab.title);
          }}
        >
          Diagnose
        </button>
      )}
    </div>
  );
}
