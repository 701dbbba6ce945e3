// Live port forwards as an aligned table: status (with failed connections), local address, where
// it goes (target by name with its path, or the last problem in plain words), rates and totals
// each way, open connections, and the actions. Every row has one fixed height of two lines: the
// path or problem has a line of its own under "To", as wide as the rest of the row (a sentence
// like "Nothing is listening on app:9999." does not fit the To column at any common width), and
// the failed count sits under the status. A cell that does not fit ends in an ellipsis and says
// all of it in its tooltip. Saved forwards below.
import type { ForwardInfo, ForwardStats } from '../../shared/contract/index.js';
import { counted } from '../../shared/format/words.js';
import { connectionErrorText, destinationText, failedConnectionsText, openConnectionsText, removeForwardQuestion } from '../../shared/messages/forwards.js';
import { useMemo, useRef } from 'react';
import type { AppModel } from '../root/app-model.js';
import { useModel } from '../root/model-context.js';
import { openLink } from '../root/open-link.js';
import { useStore } from '../state/store.js';
import { copyText } from '../tree/node-actions.js';
import { useWidth } from '../ui/use-width.js';
import { formatBytes, formatRate, looksLikeHttp } from './format.js';
import { labelOfSpec, placeOf, targetIndex, type TargetEntry } from './forward-targets.js';
import { focusAfterRemoval } from '../ui/focus-after-removal.js';
import './forwards.css';

export const FORWARDS_PANEL = {
  /**
   * Below this panel width (a 1024-wide window with the tree open gives ~700) the Sent and
   * Received and Conns columns go (the rate cells' tooltips still say them), so the destination
   * keeps room for a name and its port.
   */
  NARROW_BELOW_PX: 900,
  /** Columns from "To" to the end (To, 2 rates, [Sent, Received, Conns,] actions): a row's second line spans them. */
  DETAIL_SPAN: { wide: 7, narrow: 4 },
} as const;

/** States in which a forward holds its local port (Start would do nothing). */
const RUNNING_STATES: ReadonlySet<string> = new Set(['starting', 'listening', 'reconnecting']);

const STATE_TONE = { starting: 'warn', listening: 'ok', reconnecting: 'warn', stopped: 'muted', failed: 'fail' } as const;

/** "14:02:11": when the last connection failed (today's clock; the date is in the tooltip). */
function clock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

/** The one line under a forward's destination: its problem when it has one, else where the target is. */
function problemOf(f: ForwardInfo, stats: ForwardStats | undefined, index: ReadonlyMap<string, TargetEntry>): { text: string; tone: 'warn' | 'fail'; title: string } | null {
  const error = stats?.error ?? f.error;
  if (error) {
    const text = `${error.message}${error.nextStep ? ` ${error.nextStep}` : ''}`;
    return { text, tone: 'fail', title: text };
  }
  const errors = stats?.connectionErrors ?? f.connectionErrors;
  if (errors.last === null) return null;
  const words = connectionErrorText(errors.last.kind, errors.last.reason, placeOf(f.spec, index));
  return {
    text: `${words} (${clock(errors.last.at)})`,
    tone: 'warn',
    title: `${words}\nLast at ${new Date(errors.last.at).toLocaleString()}; ${failedConnectionsText(errors.count)} since the forward started.\nThe agent said: ${errors.last.reason}`,
  };
}

/** Where the keyboard goes when the last forward is removed. */
function newForwardButton(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="forwards"] [data-testid="new-forward"]');
}

/** Removes a forward, asking first when open connections would be cut with it (none: no question). */
async function removeForward(model: AppModel, f: ForwardInfo, connections: number, address: string, destination: string): Promise<void> {
  if (connections > 0) {
    const forward = f.spec.name ? `“${f.spec.name}”` : `${address} → ${destination}`;
    const ok = await model.dialogs.confirm({ ...removeForwardQuestion(forward, connections), danger: true });
    if (!ok) return;
  }
  await model.forwards.act(f.id, 'remove');
}

interface RowProps {
  readonly f: ForwardInfo;
  readonly stats: ForwardStats | undefined;
  readonly index: ReadonlyMap<string, TargetEntry>;
  /** A narrow panel: Sent, Received and Conns leave the table (the rate cells' tooltips say them). */
  readonly narrow: boolean;
  /** The link to the host is lost: the row is how the forward was last seen, its state unknown and its buttons off. */
  readonly stale: boolean;
}

function ForwardRow({ f, stats, index, narrow, stale }: RowProps) {
  const model = useModel();
  // A stopped forward keeps showing where it listened (its fixed port, or the last one it had: main keeps it, across reloads).
  const shownPort = f.localPort ?? f.lastLocalPort;
  const address = f.localPort !== null ? `localhost:${f.localPort}` : null;
  const shownAddress = shownPort !== null ? `localhost:${shownPort}` : '—';
  const state = stats?.state ?? f.state;
  const running = state === 'listening' || state === 'starting' || state === 'reconnecting';
  const failures = (stats?.connectionErrors ?? f.connectionErrors).count;
  // Listening but refusing connections is not plain green.
  const tone = stale ? 'muted' : state === 'listening' && failures > 0 ? 'warn' : STATE_TONE[state];
  const shownState = stale ? 'unknown' : state;
  const label = labelOfSpec(f.spec, index);
  const destination = destinationText(placeOf(f.spec, index));
  const problem = problemOf(f, stats, index);
  const sub = problem?.text ?? label.path;
  // Rates are for a running forward; a stopped one would keep showing its last.
  const rateUp = running && !stale ? formatRate(stats?.rateUp ?? 0) : '—';
  const rateDown = running && !stale ? formatRate(stats?.rateDown ?? 0) : '—';
  const sent = formatBytes(stats?.bytesUp ?? 0);
  const received = formatBytes(stats?.bytesDown ?? 0);
  const connections = stats?.connections ?? 0;
  const failed =
    failures > 0 ? (
      <span className="forward-failures tone-warn" data-testid="forward-failures" title={problem?.title}>
        {failures} failed
      </span>
    ) : null;
  const subLine = sub ? (
    <span className={`forward-sub${problem ? ` tone-${problem.tone}` : ' muted'}`} data-testid={problem ? 'forward-problem' : 'forward-path'} role={problem ? 'status' : undefined} title={problem?.title ?? sub}>
      {sub}
    </span>
  ) : null;
  // One tbody per forward: its row and the line under it, as one unit.
  return (
    <tbody className="forward" data-forward-id={f.id} data-state={shownState} data-tone={tone} data-local-port={f.localPort ?? undefined}>
      <tr className="forward-main">
        <td className="forward-status">
          <span className="panel-cell-line">
            <span className={`state-pill tone-${tone}`}>{shownState}</span>
          </span>
        </td>
        <td className="panel-cell">
          {address ? (
            <button disabled={stale} className="forward-address forward-copy panel-cell" data-testid="forward-address" title={`Copy ${address}`} onClick={() => void copyText(model, address, address)}>
              {address}
            </button>
          ) : (
            <span className="forward-address" data-testid="forward-address" title={`${shownAddress} (not listening)`}>
              {shownAddress}
            </span>
          )}
        </td>
        <td className="forward-destination" title={[f.spec.name, destination, label.path, problem?.title].filter(Boolean).join('\n')}>
          <span className="panel-cell-line">
            <span className="forward-remote" data-testid="forward-remote" aria-label={destination}>
              {/* The host gives way (ellipsis), the port never: it is what a person checks. */}
              <span className="forward-remote-host">{f.spec.remoteHost ?? label.name}</span>
              <span className="forward-remote-port" data-testid="forward-remote-port">
                :{f.spec.remotePort}
              </span>
              {f.spec.remoteHost !== undefined && <span className="forward-remote-via">via {label.name}</span>}
            </span>
              </span>
        </td>
        <td className="num panel-cell" data-testid="forward-rate" title={`Local to remote: ${rateUp}; ${sent} sent since the forward started; ${openConnectionsText(connections)} open`}>
          {rateUp}
        </td>
        <td className="num panel-cell" title={`Remote to local: ${rateDown}; ${received} received since the forward started`}>
          {rateDown}
        </td>
        {!narrow && (
          <td className="num panel-cell" data-testid="forward-sent" title={`${sent} sent since the forward started`}>
            {sent}
          </td>
        )}
        {!narrow && (
          <td className="num panel-cell" data-testid="forward-received" title={`${received} received since the forward started`}>
            {received}
          </td>
        )}
        {!narrow && (
          <td className="num panel-cell" data-testid="forward-connections" title={`${openConnectionsText(connections)} open`}>
            {connections}
          </td>
        )}
        <td className="forward-actions">
          <span className="panel-cell-line">
            {address && looksLikeHttp(f.spec.remotePort) && (
              <button disabled={stale} className="button button-quiet" title={`Open http://${address}/`} onClick={() => openLink(model.client, `http://${address}/`, 'forward', (why) => model.toasts.show(why, 'error'))}>
                Open
              </button>
            )}
            {running ? (
              <button disabled={stale} className="button button-quiet" onClick={() => void model.forwards.act(f.id, 'stop')}>
                Stop
              </button>
            ) : (
              <button disabled={stale} className="button button-quiet" onClick={() => void model.forwards.act(f.id, 'restart')}>
                Start
              </button>
            )}
            <button
              className="button button-quiet forward-auto"
              disabled={stale}
              aria-pressed={f.spec.autoRestart}
              aria-label="Auto-restart"
              title={f.spec.autoRestart ? 'Auto-restart is on: the forward restarts when its session drops. Click to turn it off.' : 'Auto-restart is off. Click to restart the forward automatically when its session drops.'}
              onClick={() => void model.forwards.setAutoRestart(f.id, !f.spec.autoRestart)}
            >
              ↻<span className="forward-auto-text"> auto</span>
            </button>
            <button disabled={stale} className="button button-quiet" title="Keep this forward to start it again later" onClick={() => void model.forwards.act(f.id, 'save')}>
              Save
            </button>
            <button
              disabled={stale}
              className="button button-quiet"
              aria-label="Remove forward"
              title="Stop and remove this forward"
              onClick={(e) => {
                focusAfterRemoval(e.currentTarget, '.forward[data-forward-id]', newForwardButton);
                void removeForward(model, f, connections, shownAddress, destination);
              }}
            >
              ✕
            </button>
          </span>
        </td>
      </tr>
      <tr className="forward-detail">
        {/* Under the pill, so the status column (and with it "To") can be narrower. */}
        <td className="forward-detail-cell">{failed}</td>
        <td />
        <td colSpan={narrow ? FORWARDS_PANEL.DETAIL_SPAN.narrow : FORWARDS_PANEL.DETAIL_SPAN.wide} className="forward-detail-cell">
          {/* The name here, not after a long host on the line above, where it would always give way. */}
          <span className="panel-cell-line">
            {subLine}
            {f.spec.name && <span className="forward-name">{f.spec.name}</span>}
          </span>
        </td>
      </tr>
    </tbody>
  );
}

export function ForwardsPanel() {
  const model = useModel();
  const s = useStore(model.forwards);
  const tree = useStore(model.tree);
  const index = useMemo(() => targetIndex(tree), [tree.branches]);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const narrow = width > 0 && width < FORWARDS_PANEL.NARROW_BELOW_PX;
  return (
    <div className="forwards" data-testid="forwards" data-narrow={narrow || undefined} ref={box}>
      <div className="panel-heading">
        <span>{s.forwards.length === 0 ? 'No port forwards yet.' : counted(s.forwards.length, 'forward')}</span>
        <span className="status-spacer" />
        <button className="button" data-testid="new-forward" onClick={() => model.forwardDraft.open(null, '')}>
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
      {s.forwards.length > 0 && (
        <table className="panel-table forwards-table" aria-label="Port forwards">
          <colgroup>
            <col className="col-status" />
            <col className="col-address" />
            <col className="col-destination" />
            <col className="col-rate" />
            <col className="col-rate" />
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
              <th scope="col" className="num" title="Local to remote, per second">
                ↑ Rate
              </th>
              <th scope="col" className="num" title="Remote to local, per second">
                ↓ Rate
              </th>
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
            <ForwardRow key={f.id} f={f} stats={s.stats.get(f.id)} index={index} narrow={narrow} stale={s.linkLost} />
          ))}
        </table>
      )}
      {s.saved.length > 0 && (
        <>
          <div className="panel-subheading">Saved</div>
          <ul className="panel-rows forward-saved-list">
            {s.saved.map((sv) => {
              const local = sv.spec.localPort === 'auto' ? 'localhost, a free port' : `localhost:${sv.spec.localPort}`;
              const to = destinationText(placeOf(sv.spec, index));
              // Its forward in the table names it by savedId (its own id differs once it was removed and started again).
              const live = s.forwards.find((f) => f.savedId === sv.savedId && RUNNING_STATES.has(s.stats.get(f.id)?.state ?? f.state));
              return (
                <li key={sv.savedId} className="panel-row forward saved">
                  <span className="panel-cell-line forward-saved-main" title={[sv.spec.name, `${local} → ${to}`].filter(Boolean).join('\n')}>
                    <span className="forward-address">{local}</span>
                    <span className="muted">→ {to}</span>
                    {sv.spec.name && <span className="forward-name">{sv.spec.name}</span>}
                  </span>
                  <span className="panel-cell-line">
                    {live !== undefined ? (
                      // Its forward is in the table and running: Start would do nothing.
                      <button className="button button-quiet" disabled title={`Already running at ${live.localPort !== null ? `localhost:${live.localPort}` : 'its local port'}`}>
                        Running
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
  );
}
