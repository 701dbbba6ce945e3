// The bottom panel's transfers: one row each with direction, file, target path, a progress bar
// with bytes, rate and time left, the verified SHA-256 when done, the reason when not; cancel
// while running, dismiss after.
import { formatBytes, formatDuration, formatRate } from '../../shared/format/bytes.js';
import type { TransferInfo } from '../../shared/contract/index.js';
import { useMemo } from 'react';
import { labelOfSpec, targetIndex, type TargetEntry } from '../forwards/forward-targets.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { focusAfterRemoval } from '../ui/focus-after-removal.js';
import { transferWaitNote } from './transfer-wait.js';
import './transfers.css';

const STATE_TONE: Record<TransferInfo['state'], string> = { running: 'muted', done: 'ok', failed: 'fail', cancelled: 'muted' };

function progressText(t: TransferInfo): string {
  const p = t.progress;
  const of = p.total === null ? '' : ` of ${formatBytes(p.total)}`;
  if (t.state !== 'running') return `${formatBytes(p.bytes)}${of}`;
  const eta = p.etaSeconds === null ? '' : ` · ${formatDuration(p.etaSeconds)} left`;
  return `${formatBytes(p.bytes)}${of} · ${formatRate(p.bytesPerSecond)}${eta}`;
}

function Row({ t, index }: { t: TransferInfo; index: ReadonlyMap<string, TargetEntry> }) {
  const model = useModel();
  // scp's target:path, by the name the tree shows (else the one it was picked by, else its ids).
  const where = `${labelOfSpec(t, index).name}:${t.remotePath}`;
  const total = t.progress.total;
  const fraction = t.state === 'done' ? 1 : total !== null && total > 0 ? Math.min(1, t.progress.bytes / total) : total === 0 ? 1 : 0;
  const wait = transferWaitNote(t);
  return (
    <li className="panel-row transfer" data-transfer-id={t.id} data-state={t.state} data-direction={t.direction}>
      <div className="panel-cell-line transfer-main">
        <span className={`state-pill tone-${STATE_TONE[t.state]}`}>{t.state === 'running' ? t.phase : t.state}</span>
        <span className="transfer-name" title={t.name}>{t.direction === 'upload' ? '↑' : '↓'} {t.name}</span>
        <span className="muted transfer-path" data-testid="transfer-where" title={where}>
          {t.direction === 'upload' ? '→' : '←'} {where}
        </span>
      </div>
      <div className="panel-cell-line transfer-progress">
        <progress aria-label={`Progress of ${t.name}`} max={1} value={fraction} />
        <span className="muted" data-testid="transfer-progress-text">{progressText(t)}</span>
      </div>
      <div className="panel-cell-line transfer-actions">
        {t.state === 'running' ? (
          <button className="button button-quiet" onClick={() => model.transfers.cancel(t.id)}>Cancel</button>
        ) : (
          <>
            {t.state === 'failed' && (
              <button className="button button-quiet" title="Open the form again with this path and file, to correct and start it again" onClick={() => model.transfers.retry(t, labelOfSpec(t, index).name)}>
                Try again…
              </button>
            )}
            <button
              className="button button-quiet"
              onClick={(e) => {
                focusAfterRemoval(e.currentTarget, '.transfer[data-transfer-id]', panelTab);
                model.transfers.dismiss(t.id);
              }}
            >
              Dismiss
            </button>
          </>
        )}
      </div>
      {t.sha256 && (
        <div className="muted transfer-sha" data-testid="transfer-sha256" title="SHA-256 computed on both ends and equal">
          SHA-256 {t.sha256} ✓ both ends{t.compressed ? ' · gzip' : ''}
        </div>
      )}
      {wait !== null && (
        <p className="notice notice-warn" role="status" data-testid="transfer-helper-wait">
          {wait}
        </p>
      )}
      {t.error && (
        <p className="notice notice-error" role="status" data-testid="transfer-error">
          {t.error.message}
        </p>
      )}
    </li>
  );
}

/** Where the keyboard goes when the last transfer is dismissed: the panel's own tab. */
function panelTab(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#bottom-panel .panel-tab[aria-selected="true"]');
}

export function TransfersPanel() {
  const model = useModel();
  const { transfers } = useStore(model.transfers);
  const tree = useStore(model.tree);
  const index = useMemo(() => targetIndex(tree), [tree.branches]);
  if (transfers.length === 0) {
    return <p className="muted panel-empty">No transfers yet. Use Upload… or Download… on a container, an instance or a tab, or drop a file on a shell.</p>;
  }
  return (
    <ul className="panel-rows transfers" aria-label="Transfers">
      {transfers.map((t) => (
        <Row key={t.id} t={t} index={index} />
      ))}
    </ul>
  );
}
