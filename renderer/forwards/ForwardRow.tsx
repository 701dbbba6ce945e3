// One live port forward as a row of the forwards table (ForwardsPanel): status (with failed
// connections), local address, where it goes (target by name with its path, or the last problem
// in plain words), rates and totals each way, open connections, and the actions. The row is two
// lines of one fixed height: the host and port have the To column to themselves; the line from
// under the local address to the end of the row (in a narrow panel ending in the rates) says
// which target a forward to another host goes through, its path or problem and its name; the
// failed count sits under the status. A cell that does not fit ends in an ellipsis and says all
// of it in its tooltip, except the problem of a forward that is down (failed): that wraps, whole.
import type { ForwardInfo, ForwardStats } from '../../shared/contract/index.js';
import { destinationText, followsServiceText, openConnectionsText, removeForwardQuestion } from '../../shared/messages/forwards.js';
import type { AppModel } from '../root/app-model.js';
import { useModel } from '../root/model-context.js';
import { openLink } from '../root/open-link.js';
import { copyText } from '../tree/node-actions.js';
import { formatBytes, formatRate, looksLikeHttp } from './format.js';
import { forwardRowButtons, forwardRowName } from './forward-row-names.js';
import { problemOf } from './forward-problem.js';
import { SaveButton } from './ForwardSaveButton.js';
import { AutoRestartButton } from './ForwardAutoButton.js';
import { labelOfSpec, placeOf, type TargetEntry } from './forward-targets.js';
import { focusAfterRemoval } from '../ui/focus-after-removal.js';
import { RemoteHost } from './RemoteHost.js';

const STATE_TONE = { starting: 'warn', listening: 'ok', reconnecting: 'warn', stopped: 'muted', failed: 'fail' } as const;

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

/**
 * How the panel lays a forward out (ForwardsPanel picks it by its width): `wide`, every column;
 * `narrow`, no Sent, Received and Conns (the rates' tooltips say them) and the rates at the end of
 * the row's second line, so "To" keeps room for a host such as orders-primary.db.internal:5432;
 * `compact`, three lines on a grid of their own (forwards-compact.css).
 */
export type ForwardsLayout = 'wide' | 'narrow' | 'compact';

interface RowProps {
  readonly f: ForwardInfo;
  readonly stats: ForwardStats | undefined;
  readonly index: ReadonlyMap<string, TargetEntry>;
  readonly layout: ForwardsLayout;
  /** The link to the host is lost: the row is how the forward was last seen, its state unknown and its buttons off. */
  readonly stale: boolean;
  /** How many columns the row's second line (path or problem) spans: from To to the end. */
  readonly detailSpan: number;
}

export function ForwardRow({ f, stats, index, layout, stale, detailSpan }: RowProps) {
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
  const upTitle = `Local to remote: ${rateUp}; ${sent} sent since the forward started; ${openConnectionsText(connections)} open`;
  const downTitle = `Remote to local: ${rateDown}; ${received} received since the forward started`;
  const forwardName = forwardRowName(f.spec.name, shownPort !== null ? shownAddress : null, destination);
  const buttons = forwardRowButtons(forwardName);
  const failed =
    failures > 0 ? (
      <span className="forward-failures tone-warn" data-testid="forward-failures" title={problem?.title}>
        {failures} failed
      </span>
    ) : null;
  // A forward that is down says why whole, on as many lines as that takes: nobody has to hover to read it.
  const whole = problem !== null && state === 'failed' && !stale;
  const subLine = sub ? (
    <span
      className={`forward-sub${problem ? ` forward-sub-problem tone-${problem.tone}` : ' forward-sub-path muted'}`}
      data-testid={problem ? 'forward-problem' : 'forward-path'}
      data-whole={whole || undefined}
      // A forward that went down is said by the panel's live region (ForwardsPanel), once per failure; not here too.
      role={problem && !whole ? 'status' : undefined}
      title={problem?.title ?? sub}
    >
      {sub}
    </span>
  ) : null;
  // One tbody per forward: its row and the line under it, as one unit.
  return (
    <tbody className="forward" data-forward-id={f.id} data-state={shownState} data-tone={tone} data-local-port={f.localPort ?? undefined}>
      <tr className="forward-main">
        <td className="forward-status">
          <span className="panel-cell-line">
            <span className={`state-pill tone-${tone}`} title={shownState}>
              {shownState}
            </span>
          </span>
        </td>
        <td className="panel-cell forward-address-cell">
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
              <span className="forward-remote-target">
                <RemoteHost host={f.spec.remoteHost ?? label.name} />
                <span className="forward-remote-port" data-testid="forward-remote-port">
                  :{f.spec.remotePort}
                </span>
              </span>
            </span>
          </span>
        </td>
        {layout !== 'narrow' && (
          <td className="num panel-cell forward-rate-up" data-testid="forward-rate" title={upTitle}>
            {rateUp}
          </td>
        )}
        {layout !== 'narrow' && (
          <td className="num panel-cell forward-rate-down" data-testid="forward-rate-down" title={downTitle}>
            {rateDown}
          </td>
        )}
        {layout === 'wide' && (
          <td className="num panel-cell" data-testid="forward-sent" title={`${sent} sent since the forward started`}>
            {sent}
          </td>
        )}
        {layout === 'wide' && (
          <td className="num panel-cell" data-testid="forward-received" title={`${received} received since the forward started`}>
            {received}
          </td>
        )}
        {layout === 'wide' && (
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
              <button disabled={stale} className="button button-quiet forward-toggle" aria-label={buttons.stop.label} title={buttons.stop.title} onClick={() => void model.forwards.act(f.id, 'stop')}>
                Stop
              </button>
            ) : (
              <button disabled={stale} className="button button-quiet forward-toggle" aria-label={buttons.start.label} title={buttons.start.title} onClick={() => void model.forwards.act(f.id, 'restart')}>
                Start
              </button>
            )}
            <AutoRestartButton model={model} spec={f.spec} id={f.id} stale={stale} />
            <button
              disabled={stale}
              className="button button-quiet forward-edit"
              aria-label={buttons.edit.label}
              title={buttons.edit.title}
              onClick={() => model.forwardDraft.edit(f, f.savedId ?? null)}
            >
              {/* Narrower panels get the pencil alone: "To" keeps the room of a host such as orders-primary.db.internal:5432. */}
              {layout === 'wide' ? 'Edit…' : '✎'}
            </button>
            <SaveButton model={model} savedId={f.savedId} stale={stale} id={f.id} name={forwardName} labels={buttons} />
            <button
              disabled={stale}
              className="button button-quiet forward-remove"
              data-row-control="remove"
              aria-label={buttons.remove.label}
              title={buttons.remove.title}
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
        <td className="forward-detail-cell forward-failed-cell">{failed}</td>
        <td colSpan={detailSpan} className="forward-detail-cell forward-sub-cell">
          {/* The name here, not after a long host on the line above, where it would always give way. */}
          <span className="panel-cell-line">
            {/* The target a forward to another host goes through, before where that target is (the path). */}
            {f.spec.remoteHost !== undefined && (
              <span className="forward-via" data-testid="forward-via">
                via <span className="forward-via-target">{label.name}</span>
              </span>
            )}
            {subLine}
            {f.spec.follow !== undefined && (
              <span className="forward-follows" data-testid="forward-follows" title="Each start and restart goes to a running task of this service">
                {followsServiceText(f.spec.follow.service)}
              </span>
            )}
            {f.spec.name && <span className="forward-name">{f.spec.name}</span>}
            {layout === 'narrow' && !whole && (
              // At the line's end, under the actions: each rate in a box of one width, so they line up from row to row.
              // A forward that is down has no rates ("—"): its reason has their room.
              <span className="forward-rates-inline">
                <span className="forward-rate-inline" title={upTitle}>
                  <span aria-hidden="true">↑</span>
                  <span className="num" data-testid="forward-rate">
                    {rateUp}
                  </span>
                </span>
                <span className="forward-rate-inline" title={downTitle}>
                  <span aria-hidden="true">↓</span>
                  <span className="num" data-testid="forward-rate-down">
                    {rateDown}
                  </span>
                </span>
              </span>
            )}
          </span>
        </td>
      </tr>
    </tbody>
  );
}
