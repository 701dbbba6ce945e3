// The tab strip and the terminals. Every tab's terminal stays mounted (hidden when inactive) so
// its xterm keeps parsing and acking output; only the visible one fits, renders with WebGL and
// has focus.
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { TerminalView } from '../terminal/TerminalView.js';
import { useTerminalDrop } from '../transfers/terminal-drop.js';
import { FindBar } from './FindBar.js';
import { SessionBanner } from './SessionBanner.js';
import { TabStrip } from './TabStrip.js';

export function TerminalArea({ findOpen, onCloseFind }: { findOpen: boolean; onCloseFind: () => void }) {
  const model = useModel();
  const { tabs, activeKey, pairKey } = useStore(model.sessions);
  const pair = tabs.find((t) => t.key === pairKey) ?? null;
  // In split view the two visible tabs keep their tab-strip order left to right.
  const leftKey = pair === null ? activeKey : tabs.find((t) => t.key === activeKey || t.key === pairKey)?.key;
  const active = tabs.find((t) => t.key === activeKey) ?? null;
  const controller = active?.sessionId ? model.registry.get(active.sessionId) : undefined;
  const drop = useTerminalDrop(model, active);

  return (
    <section className="pane terminal-pane" aria-label="Terminals">
      <TabStrip tabs={tabs} activeKey={activeKey} pairKey={pairKey} />
      {active && <SessionBanner tab={active} />}
      <div className={`terminal-host${pair ? ' split' : ''}${drop.over ? ' terminal-drop-target' : ''}`} data-testid="terminal-host" {...drop.handlers}>
        {findOpen && controller && (
          <FindBar
            controller={controller}
            onClose={onCloseFind}
          />
        )}
        {tabs.map((t) =>
          t.sessionId ? (
            <TerminalView
              key={t.key}
              sessionId={t.sessionId}
              visible={t.key === activeKey || t.key === pairKey}
              focused={t.key === activeKey}
              side={pair === null ? null : t.key === leftKey ? 'left' : 'right'}
              onFocus={() => t.key !== activeKey && model.sessions.activate(t.key)}
            />
          ) : null,
        )}
        {tabs.length === 0 && (
          <div className="terminal-empty">
            <div className="empty-state">
              <p className="empty-title">No open sessions.</p>
              <p>Double-click a container or instance in the tree to open a shell, or right-click it for port forwards and diagnostics.</p>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
