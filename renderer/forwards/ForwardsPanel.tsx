// Live port forwards as an aligned table, one ForwardRow each: status (with failed connections),
// local address, where it goes (target by name with its path, or the last problem in plain words),
// rates and totals each way, open connections, and the actions. Every row has one fixed height of
// two lines: the path or problem and the name have a line of their own from under the local
// address to the end of the row (a sentence like "Nothing is listening on app:9999." does not fit
// the To column at any common width); in a narrower panel the rates end that line, leaving "To"
// the room of their columns.
// Saved forwards below.
import { counted } from '../../shared/format/words.js';
import { destinationText, followsServiceText } from '../../shared/messages/forwards.js';
import { useMemo, useRef } from 'react';
import { newForward } from '../commands/command-target.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { useWidth } from '../ui/use-width.js';
import { ForwardRow, type ForwardsLayout } from './ForwardRow.js';
import { placeOf, targetIndex } from './forward-targets.js';
import { savedNotInTable } from './saved-list.js';
import './forwards.css';

export const FORWARDS_PANEL = {
  /**
   * Below this panel width (a 1440-wide window with the tree open gives ~1140; 1280 gives ~980)
   * the Sent, Received and Conns columns go (the rate cells' tooltips still say them) and the
   * rates move to the end of each row's second line, so "To" keeps room for a host such as
   * orders-primary.db.internal:5432. Above it the wide table's fixed columns (~852 px) still
   * leave "To" ~250 px.
   */
  NARROW_BELOW_PX: 1100,
  /**
   * Below this panel width (a 700-wide window beside the docked tree gives ~400) even the narrow
   * table's fixed columns leave little for "To": each forward becomes three lines (status,
   * address and actions; where it goes and its rates; its path or problem), nothing scrolling
   * sideways or hiding under the actions.
   */
  COMPACT_BELOW_PX: 600,
  /**
   * Columns from the local address to the end, which a row's second line spans: address, To,
   * [2 rates,] [Sent, Received, Conns,] actions. From the address, not from To: at 1024 wide the
   * line holds a path, a name and both rates, and To with the actions alone left the name 7 px.
   */
  DETAIL_SPAN: { wide: 8, narrow: 3, compact: 4 },
} as const;

/** The layout for a panel this wide (0: not measured yet, laid out wide). */
function layoutFor(width: number): ForwardsLayout {
  if (width > 0 && width < FORWARDS_PANEL.COMPACT_BELOW_PX) return 'compact';
  if (width > 0 && width < FORWARDS_PANEL.NARROW_BELOW_PX) return 'narrow';
  return 'wide';
}

export function ForwardsPanel() {
  const model = useModel();
  const s = useStore(model.forwards);
  const tree = useStore(model.tree);
  const index = useMemo(() => targetIndex(tree), [tree.branches]);
  const unlisted = savedNotInTable(s.saved, s.forwards);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const layout = layoutFor(width);
  const narrow = layout !== 'wide';
  const compact = layout === 'compact';
  // The narrow table has its rates on each row's second line: no rate columns.
  const rateColumns = layout !== 'narrow';
  // The heading stays put; the table and the saved list scroll under it (so "New forward…" is always in reach).
  return (
    <div className="forwards" data-testid="forwards" data-narrow={narrow || undefined} data-compact={compact || undefined} ref={box}>
      <div className="panel-heading forwards-heading">
        <span>{s.forwards.length === 0 ? 'No port forwards yet.' : counted(s.forwards.length, 'forward')}</span>
        <span className="status-spacer" />
        {/* The same target as the palette's New port forward…: the tree's selection or the active tab's, whichever last had the keyboard. */}
        <button className="button" data-testid="new-forward" onClick={() => newForward(model)}>
          New forward…
        </button>
      </div>
      {s.linkLost && (
        <p className="notice notice-error" role="alert">
          {s.hostRestarted
            ? "Porthole's web host was restarted. These forwards ran in its previous run and ended with it; the new run lists its own once you open its address."
            : "Lost the connection to Porthole's web host. Its forwards ran in it: what is listed is how they were last seen, not whether they still listen."}
        </p>
      )}
      {s.error !== null && (
        <p className="notice notice-error" role="alert" onClick={() => model.forwards.dismissError()}>
          {s.error}
        </p>
      )}
      {/* What happens to a forward is said by the app's one forwards live region (ForwardsAnnouncement.tsx). */}
      <div className="forwards-scroll" data-testid="forwards-scroll">
      {s.forwards.length > 0 && (
        <table className="panel-table forwards-table" aria-label="Port forwards">
          <colgroup>
            <col className="col-status" />
            <col className="col-address" />
            <col className="col-destination" />
            {rateColumns && <col className="col-rate" />}
            {rateColumns && <col className="col-rate" />}
            {!narrow && <col className="col-bytes" />}
            {!narrow && <col className="col-bytes" />}
            {!narrow && <col className="col-count" />}
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Local address</th>
              <th scope="col">To</th>
              {rateColumns && (
                <th scope="col" className="num" title="Local to remote, per second">
                  ↑ Rate
                </th>
              )}
              {rateColumns && (
                <th scope="col" className="num" title="Remote to local, per second">
                  ↓ Rate
                </th>
              )}
              {!narrow && (
                <th scope="col" className="num" title="Sent since the forward started">
                  Sent
                </th>
              )}
              {!narrow && (
                <th scope="col" className="num" title="Received since the forward started">
                  Received
                </th>
              )}
              {!narrow && (
                <th scope="col" className="num" title="Open connections">
                  Conns
                </th>
              )}
              <th scope="col" aria-label="Actions" />
            </tr>
          </thead>
          {s.forwards.map((f) => (
            <ForwardRow key={f.id} f={f} stats={s.stats.get(f.id)} index={index} layout={layout} stale={s.linkLost} detailSpan={FORWARDS_PANEL.DETAIL_SPAN[layout]} />
          ))}
        </table>
      )}
      {/* A saved forward with a row in the table is that row (marked Saved, Forget there): listed
          here too, it showed twice, each with its own Start. */}
      {unlisted.length > 0 && (
        <>
          <div className="panel-subheading">Saved</div>
          <ul className="panel-rows forward-saved-list">
            {unlisted.map((sv) => {
              const local = sv.spec.localPort === 'auto' ? 'localhost, a free port' : `localhost:${sv.spec.localPort}`;
              const to = destinationText(placeOf(sv.spec, index));
              return (
                <li key={sv.savedId} className="panel-row forward saved">
                  <span className="panel-cell-line forward-saved-main" title={[sv.spec.name, `${local} → ${to}`].filter(Boolean).join('\n')}>
                    <span className="forward-address">{local}</span>
                    <span className="muted">→ {to}</span>
                    {sv.spec.follow !== undefined && (
                      <span className="forward-follows" data-testid="forward-saved-follows">
                        {followsServiceText(sv.spec.follow.service)}
                      </span>
                    )}
                    {sv.spec.name && <span className="forward-name">{sv.spec.name}</span>}
                  </span>
                  {sv.problem !== undefined && (
                    <span className="panel-cell-line notice-warn" role="note" data-testid="forward-saved-problem">
                      {sv.problem}
                    </span>
                  )}
                  <span className="panel-cell-line">
                    {sv.problem !== undefined ? (
                      // It cannot start as saved: its row says why, Start would only fail.
                      <button className="button button-quiet" disabled title={sv.problem}>
                        Start
                      </button>
                    ) : (
                      <button className="button button-quiet" onClick={() => void model.forwards.restore(sv.savedId)}>
                        Start
                      </button>
                    )}
                    <button className="button button-quiet" onClick={() => void model.forwards.forget(sv.savedId)}>
                      Forget
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      </div>
    </div>
  );
}
