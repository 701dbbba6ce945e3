// The checks behind "why can't I get a shell here?": each with what was found and what to do.
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { KeepCodesWhole } from '../ui/KeepCodesWhole.js';
import { fixLines } from './fix-once.js';

const MARK = { ok: '✓', warn: '!', fail: '✕' } as const;
const ORDER = { fail: 0, warn: 1, ok: 2 } as const;

/**
 * The line beside the title. It names the first failing check as a check that failed: "2 problems
 * found: Execute command enabled" read as if execute command being enabled were the problem.
 */
function summary(failing: number, firstTitle: string): string {
  if (failing === 0) return 'No problems found';
  return failing === 1 ? `1 check failed: ${firstTitle}` : `${failing} checks failed, first: ${firstTitle}`;
}

export function DiagnosticsPanel() {
  const model = useModel();
  const d = useStore(model.diagnostics);
  if (d === null) {
    return <p className="notice">Right-click a container or instance and choose Diagnose to check why a shell or forward might fail.</p>;
  }
  const failing = d.checks.filter((c) => c.status === 'fail').length;
  // Failures first, then warnings, then what passed: the cause is never below the fold.
  const checks = [...d.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const fixes = fixLines(checks);
  return (
    <div className="diagnostics" data-testid="diagnostics">
      <div className="panel-heading">
        <span>
          Diagnosis of <strong>{d.title}</strong>
        </span>
        {d.status === 'running' && (
          <span className="muted">
            <span className="spinner" aria-hidden="true" /> Checking…
          </span>
        )}
        {d.status === 'done' && (
          <span className={failing > 0 ? 'tone-fail' : 'tone-ok'} data-testid="diagnosis-summary">
            {summary(failing, checks[0]?.title ?? '')}
          </span>
        )}
        <span className="status-spacer" />
        {/* aria-disabled, not disabled: a disabled button drops the keyboard to the page body, so
            Enter on Run again left nothing focused once the checks were back. */}
        <button
          className="button button-quiet"
          aria-disabled={d.status === 'running' || undefined}
          onClick={() => {
            if (d.status !== 'running') void model.diagnostics.run(d.target, d.title);
          }}
        >
          Run again
        </button>
      </div>
      {d.status === 'running' && d.helperWait !== null && (
        <p className="notice notice-warn" role="status" data-testid="diagnosis-helper-wait">
          {d.helperWait}
        </p>
      )}
      {d.error !== null && (
        <p className="notice notice-error" role="alert">
          {d.error}
        </p>
      )}
      {/* The last run's checks stay while it runs again (dimmed, busy): the rows do not jump. */}
      <ul className={`check-list${d.stale ? ' check-list-stale' : ''}`} data-stale={d.stale || undefined} aria-busy={d.stale || undefined}>
        {checks.map((c, i) => {
          const fix = fixes[i] ?? null;
          return (
            <li key={c.id} className={`check check-${c.status}`} data-check-id={c.id} data-status={c.status}>
              <span className={`check-mark tone-${c.status}`} aria-label={c.status}>
                {MARK[c.status]}
              </span>
              <div className="check-body">
                <div className="check-title">{c.title}</div>
                {c.cause && (
                  <div className="check-cause">
                    <KeepCodesWhole text={c.cause} />
                  </div>
                )}
                {fix?.kind === 'fix' && (
                  <div className="check-next">
                    <KeepCodesWhole text={fix.text} />
                  </div>
                )}
                {fix?.kind === 'same-as' && <div className="check-next check-next-same muted">Same fix as under “{fix.title}”.</div>}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
