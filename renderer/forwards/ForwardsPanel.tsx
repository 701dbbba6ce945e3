// Live port forwards: address, state, rates and totals each way, connections, and the actions;
// below them the saved forwards that can be started again.
import type { ForwardInfo, ForwardStats, TargetRef } from '../../shared/contract/index.js';
import { useRef } from 'react';
import { useModel } from '../root/model-context.js';
import { openLink } from '../root/open-link.js';
import { useStore } from '../state/store.js';
import { copyText } from '../tree/node-actions.js';
import { formatBytes, formatRate, looksLikeHttp } from './format.js';

const STATE_TONE = { starting: 'warn', listening: 'ok', reconnecting: 'warn', stopped: 'muted', failed: 'fail' } as const;

export function describeTarget(t: TargetRef): string {
  return t.kind === 'instance' ? t.instanceId : `${t.containerName} in ${t.cluster}`;
}

function ForwardRow({ f, stats }: { f: ForwardInfo; stats: ForwardStats | undefined }) {
  const model = useModel();
  // A stopped forward keeps showing where it listened (its fixed port, or the last one it had).
  const lastPort = useRef<number | null>(null);
  if (f.localPort !== null) lastPort.current = f.localPort;
  const shownPort = f.localPort ?? (typeof f.spec.localPort === 'number' ? f.spec.localPort : lastPort.current);
  const address = f.localPort !== null ? `localhost:${f.localPort}` : null;
  const state = stats?.state ?? f.state;
  const error = stats?.error ?? f.error;
  const running = state === 'listening' || state === 'starting' || state === 'reconnecting';
  const remote = `${f.spec.remoteHost ?? describeTarget(f.spec.target)}:${f.spec.remotePort}`;
  return (
    <li className="forward" data-forward-id={f.id} data-state={state} data-local-port={f.localPort ?? undefined}>
      <div className="forward-main">
        <span className={`state-pill tone-${STATE_TONE[state]}`}>{state}</span>
        <span className="forward-address" data-testid="forward-address">{shownPort !== null ? `localhost:${shownPort}` : '—'}</span>
        <span className="muted">→ {remote}</span>
        {f.spec.name && <span className="forward-name">{f.spec.name}</span>}
      </div>
      <div className="forward-stats" aria-label="Traffic">
        {/* Rates are for a running forward; a stopped one would keep showing its last. */}
        <span title="Local to remote" data-testid="forward-rate">↑ {running ? formatRate(stats?.rateUp ?? 0) : '—'}</span>
        <span title="Remote to local">↓ {running ? formatRate(stats?.rateDown ?? 0) : '—'}</span>
        <span className="muted" data-testid="forward-totals" title="Totals since the forward started">
          {formatBytes(stats?.bytesUp ?? 0)} up · {formatBytes(stats?.bytesDown ?? 0)} down
        </span>
        <span className="muted" data-testid="forward-connections">
          {stats?.connections ?? 0} conn
        </span>
      </div>
      <div className="forward-actions">
        {address && (
          <button className="button button-quiet" onClick={() => void copyText(model, address, address)}>
            Copy
          </button>
        )}
        {address && looksLikeHttp(f.spec.remotePort) && (
          <button className="button button-quiet" onClick={() => openLink(model.client, `http://${address}/`, 'forward', (why) => model.toasts.show(why, 'error'))}>
            Open
          </button>
        )}
        {running ? (
          <button className="button button-quiet" onClick={() => void model.forwards.act(f.id, 'stop')}>
            Stop
          </button>
        ) : (
          <button className="button button-quiet" onClick={() => void model.forwards.act(f.id, 'restart')}>
            Start
          </button>
        )}
        <label className="toggle" title="Restart automatically when the session drops">
          <input type="checkbox" checked={f.spec.autoRestart} onChange={(e) => void model.forwards.setAutoRestart(f.id, e.target.checked)} />
          auto-restart
        </label>
        <button className="button button-quiet" onClick={() => void model.forwards.act(f.id, 'save')}>
          Save
        </button>
        <button className="button button-quiet" aria-label="Remove forward" onClick={() => void model.forwards.act(f.id, 'remove')}>
          Remove
        </button>
      </div>
      {error && (
        <div className="forward-error" role="alert">
          {error.message}
          {error.nextStep ? ` ${error.nextStep}` : ''}
        </div>
      )}
    </li>
  );
}

export function ForwardsPanel() {
  const model = useModel();
  const s = useStore(model.forwards);
  return (
    <div className="forwards" data-testid="forwards">
      <div className="panel-heading">
        <span>{s.forwards.length === 0 ? 'No port forwards yet.' : `${s.forwards.length} forward${s.forwards.length === 1 ? '' : 's'}`}</span>
        <span className="status-spacer" />
        <button className="button" onClick={() => model.forwardDraft.open(null, '')}>
          New forward…
        </button>
      </div>
      {s.error !== null && (
        <p className="notice notice-error" role="alert" onClick={() => model.forwards.dismissError()}>
          {s.error}
        </p>
      )}
      <ul className="forward-list">
        {s.forwards.map((f) => (
          <ForwardRow key={f.id} f={f} stats={s.stats.get(f.id)} />
        ))}
      </ul>
      {s.saved.length > 0 && (
        <>
          <div className="panel-subheading">Saved</div>
          <ul className="forward-list">
            {s.saved.map((sv) => (
              <li key={sv.savedId} className="forward saved">
                <div className="forward-main">
                  <span className="forward-address">{sv.spec.localPort === 'auto' ? 'localhost:auto' : `localhost:${sv.spec.localPort}`}</span>
                  <span className="muted">
                    → {sv.spec.remoteHost ?? describeTarget(sv.spec.target)}:{sv.spec.remotePort}
                  </span>
                  {sv.spec.name && <span className="forward-name">{sv.spec.name}</span>}
                </div>
                <div className="forward-actions">
                  <button className="button button-quiet" onClick={() => void model.forwards.restore(sv.savedId)}>
                    Start
                  </button>
                  <button className="button button-quiet" onClick={() => void model.forwards.forget(sv.savedId)}>
                    Forget
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
