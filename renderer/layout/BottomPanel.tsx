// The bottom panel: port forwards and the frame inspector, one visible at a time.
import { useState } from 'react';
import { useCall } from '../app/use-call.js';
import { CallNotice, Notice } from './Notice.js';

type PanelTab = 'forwards' | 'inspector';
const TABS: ReadonlyArray<{ id: PanelTab; label: string }> = [
  { id: 'forwards', label: 'Forwards' },
  { id: 'inspector', label: 'Inspector' },
];

function ForwardsPanel() {
  const forwards = useCall('forwards', 'list', {});
  return (
    <>
      <CallNotice state={forwards} what="forwards" />
      {forwards.status === 'ready' && forwards.value.forwards.length === 0 && <Notice text="No port forwards." />}
      {forwards.status === 'ready' && (
        <ul className="plain-list">
          {forwards.value.forwards.map((f) => (
            <li key={f.id}>
              {f.spec.name ?? f.id} · {f.localPort ?? '—'} → {f.spec.remoteHost ?? 'target'}:{f.spec.remotePort} · {f.state}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function BottomPanel() {
  const [tab, setTab] = useState<PanelTab>('forwards');
  return (
    <section className="pane bottom-panel" aria-label="Panels">
      <div className="panel-tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className="panel-tab" onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="pane-body" role="tabpanel">
        {tab === 'forwards' ? <ForwardsPanel /> : <Notice text="Open a session, then choose it here to watch its data-channel frames." />}
      </div>
    </section>
  );
}
