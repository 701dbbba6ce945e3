// The bottom panel: port forwards, diagnostics and the frame inspector, one visible at a time.
import { InspectorWatch } from '../inspector/InspectorWatch.js';
import { useModel } from '../root/model-context.js';
import type { PanelView } from '../state/panel-store.js';
import { useStore } from '../state/store.js';
import { lazyPart } from '../ui/lazy-part.js';

// Each panel's code loads the first time it shows (ui/lazy-part.tsx).
const ForwardsPanel = lazyPart(() => import('../forwards/ForwardsPanel.js').then((m) => m.ForwardsPanel));
const TransfersPanel = lazyPart(() => import('../transfers/TransfersPanel.js').then((m) => m.TransfersPanel));
const DiagnosticsPanel = lazyPart(() => import('../diagnostics/DiagnosticsPanel.js').then((m) => m.DiagnosticsPanel));
const InspectorPanel = lazyPart(() => import('../inspector/InspectorPanel.js').then((m) => m.InspectorPanel));

const VIEWS: ReadonlyArray<{ id: PanelView; label: string }> = [
  { id: 'forwards', label: 'Forwards' },
  { id: 'transfers', label: 'Transfers' },
  { id: 'diagnostics', label: 'Diagnostics' },
  { id: 'inspector', label: 'Inspector' },
];

export function BottomPanel() {
  const model = useModel();
  const { view, open } = useStore(model.panel);
  const forwards = useStore(model.forwards).forwards.length;
  return (
    <section id="bottom-panel" className={`pane bottom-panel${open ? '' : ' collapsed'}`} aria-label="Panels" data-testid="bottom-panel">
      <div className="panel-tabs" role="tablist">
        {VIEWS.map((v) => (
          <button key={v.id} role="tab" aria-selected={open && view === v.id} className="panel-tab" onClick={() => (open && view === v.id ? model.panel.toggle() : model.panel.show(v.id))}>
            <span className="panel-tab-label">{v.label}</span>
            {v.id === 'forwards' && forwards > 0 && <span className="count">{forwards}</span>}
          </button>
        ))}
        <span className="status-spacer" />
        <button className="icon-button" aria-label={open ? 'Hide panel' : 'Show panel'} aria-expanded={open} title={`${open ? 'Hide panel' : 'Show panel'} (${model.keymap.label('togglePanel')})`} onClick={() => model.panel.toggle()}>
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div className="pane-body panel-body" role="tabpanel">
          {view === 'forwards' && <ForwardsPanel />}
          {view === 'transfers' && <TransfersPanel />}
          {view === 'diagnostics' && <DiagnosticsPanel />}
          {view === 'inspector' && (
            <>
              <InspectorWatch />
              <InspectorPanel />
            </>
          )}
        </div>
      )}
    </section>
  );
}
