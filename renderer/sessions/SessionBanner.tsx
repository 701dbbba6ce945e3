// At the foot of a terminal whose session is not connected: what happened, in plain words, and
// what to do. A session connecting or reconnecting takes input and its size reaches the remote once
// it is back, so its banner takes the terminal's last rows (the terminal refits above it at once):
// it never covers text, and a screen with no scrollback (a fresh tab, a full-screen program)
// keeps its first line in sight; only text down at the last rows moves up, as far as it must.
// A closed session's banner floats over the terminal's last rows instead (a refit would drop the
// rows below the cursor, and the remote, which takes no more input, could never redraw them); its
// last text is kept in sight above it (banner-room.ts). It ends at the terminal's scrollbar, which
// stays whole beside it.
// A session that ended normally (its shell exited, it was terminated, or Session Manager's idle
// timeout ended it) offers Reopen and Close tab; Diagnose is for a session that failed or was
// lost, where it can find the cause (end-offer.ts decides). With the link to the web host lost
// none of those can work (each would fail at once with the same reason): only Close tab is offered.
// When the session ends while the keyboard is in its terminal (which takes no more input), the
// keyboard moves to the banner's first button: Enter reopens, Tab reaches Close tab; when that
// button goes (ECS says the task stopped), the keyboard stays in the banner (banner-focus.ts). A session
// whose ECS task stopped (or is stopping) says so, ECS's reason and the container's exit code in
// its tooltip, and offers Close tab alone: no new session on that task can start.
import { useRef } from 'react';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { useTerminal } from '../terminal/use-terminal.js';
import { useBannerFocus } from './banner-focus.js';
import { useBannerRoom, useBannerRows } from './banner-room.js';
import { endOffer } from './end-offer.js';
import { usePaneFoot } from './pane-foot.js';
import type { Tab } from './session-store.js';
import { detailLine, ENDED_WITHOUT_EXIT_NOTE, statusLine, taskEndLines } from './tab-status.js';

export function SessionBanner({ tab }: { tab: Tab }) {
  const model = useModel();
  const linkLost = useStore(model.sessions).linkLost;
  const { state, ending, reason } = tab.status;
  const first = useRef<HTMLButtonElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const controller = useTerminal(model.registry, tab.sessionId);
  useBannerFocus(bar, first, `${state} ${linkLost ?? ''}`);
  const ended = state === 'closed' && linkLost === null && tab.elsewhere !== true;
  // A session on its way (connecting, reconnecting) takes input and its size reaches the remote: its banner takes rows.
  const inFlow = state === 'connecting' || state === 'reconnecting';
  usePaneFoot(bar, `${state} ${linkLost !== null} ${tab.elsewhere === true}`, !inFlow);
  useBannerRoom(bar, controller, state === 'closed', ended);
  useBannerRows(controller, inFlow);
  if (state === 'connected') return null;
  if (inFlow) {
    return (
      <div ref={bar} className="session-banner in-flow tone-warn" role="status">
        <span className="spinner" aria-hidden="true" /> {statusLine(tab)}
      </div>
    );
  }
  const line = statusLine(tab);
  const elsewhere = tab.elsewhere === true;
  const offer = endOffer(tab);
  // The tooltip says why a normal end names no cause, and keeps the agent's own words when the line replaced them.
  const note = !elsewhere && ending === 'exited' && tab.status.exitCode === undefined && offer.restart !== null ? ENDED_WITHOUT_EXIT_NOTE : undefined;
  const detail = tab.status.detail;
  const title = [line, ...taskEndLines(tab), note, reason !== undefined && !line.includes(reason) ? reason : undefined, detailLine(tab) ?? undefined].filter((l) => l !== undefined).join('\n');
  // The failure's technical words (attempts, the close code) on a line of their own under the plain
  // sentence, quieter: each has its own line limit, so neither cuts the other off.
  const text = (
    <span className="session-banner-text" title={title}>
      <span className="session-banner-line">{line}</span>
      {detail !== undefined && detail !== '' && (
        <span className="session-banner-detail" data-testid="session-detail">
          {detail}
        </span>
      )}
    </span>
  );
  if (linkLost !== null) {
    return (
      <div ref={bar} className="session-banner tone-closed" role="status" data-testid="session-closed" data-ending="link-lost">
        {text}
        <button ref={first} className="button button-quiet" onClick={() => void model.sessions.close(tab.key).then(() => model.focusWork())}>
          Close tab
        </button>
      </div>
    );
  }
  return (
    <div ref={bar} className="session-banner tone-closed" role="status" data-testid="session-closed" data-ending={elsewhere ? 'elsewhere' : tab.taskEnd !== undefined ? `task-${tab.taskEnd.state}` : (ending ?? 'failed')}>
      {text}
      {elsewhere ? (
        <button ref={first} className="button" onClick={() => void model.handover.takeBack(tab.key)}>
          Take back here
        </button>
      ) : offer.restart === null ? null : (
        <button
          ref={first}
          className="button"
          title={offer.restart === 'Reopen' ? 'Open a new shell to the same target in this tab' : undefined}
          onClick={() => {
            void model.sessions.restart(tab.key);
            // The button goes with the banner: the keyboard goes to the terminal the new shell writes to.
            model.focusTerminal();
          }}
        >
          {offer.restart}
        </button>
      )}
      {offer.closeTab && (
        <button ref={offer.restart === null && !elsewhere ? first : undefined} className={offer.restart === null ? 'button' : 'button button-quiet'} onClick={() => void model.sessions.close(tab.key).then(() => model.focusWork())}>
          Close tab
        </button>
      )}
      {offer.diagnose && (
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
