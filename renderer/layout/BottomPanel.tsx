// The bottom panel: port forwards, diagnostics and the frame inspector, one visible at a time.
import { InspectorWatch } from '../inspector/InspectorWatch.js';
import { useModel } from '../root/model-context.js';
import type { PanelView } from '../state/panel-store.js';
import { useStore } from '../state/store.js';
import { lazyPart } from '../ui/lazy-part.js';
import { rovingIndex } from '../ui/roving-index.js';

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

/** The tab panel's id and each tab's, which name each other (aria-controls, aria-labelledby). */
const PANEL_ID = 'bottom-panel-view';
const tabId = (view: PanelView): string => `panel-tab-${view}`;

export function BottomPanel() {
  const model = useModel();
  const { view, open } = useStore(model.panel);
  const forwards = useStore(model.forwards).forwards.length;
  // One Tab stop for the row (the current view's tab); the arrows, Home and End move the keyboard
  // along it, and Enter or Space shows the one focused (manual activation: moving along a collapsed
  // panel's tabs does not open it).
  const onTabKey = (e: React.KeyboardEvent<HTMLButtonElement>, at: number): void => {
    const to = rovingIndex(e.key, at, VIEWS.length);
    if (to === null) return;
    e.preventDefault();
    const target = VIEWS[to];
    if (target !== undefined) document.getElementById(tabId(target.id))?.focus();
  };
  return (
    <section id="bottom-panel" className={`pane bottom-panel${open ? '' : ' collapsed'}`} aria-label="Panels" data-testid="bottom-panel">
      <div className="panel-tabs">
        <div className="panel-tablist" role="tablist" aria-label="Panels">
          {VIEWS.map((v, i) => (
            <button
              key={v.id}
              id={tabId(v.id)}
              role="tab"
              aria-selected={open && view === v.id}
              aria-controls={open && view === v.id ? PANEL_ID : undefined}
              tabIndex={view === v.id ? 0 : -1}
              className="panel-tab"
              onKeyDown={(e) => onTabKey(e, i)}
              onClick={() => (open && view === v.id ? model.panel.toggle() : model.panel.show(v.id))}
            >
              <span className="panel-tab-label">{v.label}</span>
              {v.id === 'forwards' && forwards > 0 && <span className="count">{forwards}</span>}
            </button>
          ))}
        </div>
        <span className="status-spacer" />
        <button className="icon-button" aria-label={open ? 'Hide panel' : 'Show panel'} aria-expanded={open} title={`${open ? 'Hide panel' : 'Show panel'} (${model.keymap.label('togglePanel')})`} onClick={() => model.panel.toggle()}>
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        // tabIndex -1: a press on its empty space keeps the keyboard in the panel (ui/blank-click-focus.ts).
        <div id={PANEL_ID} className="pane-body panel-body" role="tabpanel" aria-labelledby={tabId(view)} tabIndex={-1}>
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
