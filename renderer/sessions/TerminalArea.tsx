// The tab strip and the terminals. Every tab's terminal stays mounted (hidden when inactive) so
// its xterm keeps parsing and acking output; only the visible one fits, renders with WebGL and
// has focus. Each visible tab has its own pane: its banner (closed, reconnecting) and its own
// screen, so in split view a failed session never shows under the other one's banner.
import { useCallback, useState } from 'react';
import { SplitSeparator } from '../layout/LayoutSeparators.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { TerminalView } from '../terminal/TerminalView.js';
import { useTerminal } from '../terminal/use-terminal.js';
import { useTerminalDrop } from '../transfers/terminal-drop.js';
import { ContextMenu, type MenuAt } from '../ui/ContextMenu.js';
import { FindBar } from './FindBar.js';
import { InputNotice } from './InputNotice.js';
import { SessionBanner } from './SessionBanner.js';
import type { Tab } from './session-store.js';
import { TabStrip } from './TabStrip.js';
import { terminalMenu } from './terminal-menu.js';

/** What a pane shows before (or instead of) a terminal. */
function NoTerminal({ tab }: { tab: Tab }) {
  if (tab.status.state !== 'closed') return <div className="terminal-placeholder" data-testid="no-terminal" />;
  return (
    <div className="terminal-placeholder" data-testid="no-terminal">
      <p>No terminal: this session did not start.</p>
    </div>
  );
}

export function TerminalArea({ findOpen, onCloseFind }: { findOpen: boolean; onCloseFind: () => void }) {
  const model = useModel();
  const { tabs, activeKey, pairKey } = useStore(model.sessions);
  const pair = tabs.find((t) => t.key === pairKey) ?? null;
  // In split view the two visible tabs keep their tab-strip order left to right.
  const leftKey = pair === null ? activeKey : tabs.find((t) => t.key === activeKey || t.key === pairKey)?.key;
  const active = tabs.find((t) => t.key === activeKey) ?? null;
  const controller = useTerminal(model.registry, active?.sessionId);
  const drop = useTerminalDrop(model, active);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  return (
    <section className="pane terminal-pane" aria-label="Terminals">
      {/* No tabs, no strip (as VS Code's editor area): the empty state owns the whole pane rather than sitting under an empty bar. */}
      {tabs.length > 0 && <TabStrip tabs={tabs} activeKey={activeKey} pairKey={pairKey} />}
      <div className={`terminal-host${pair ? ' split' : ''}${drop.over ? ' terminal-drop-target' : ''}`} data-testid="terminal-host" {...drop.handlers}>
        {tabs.map((t) => {
          const visible = t.key === activeKey || t.key === pairKey;
          const side = pair === null ? null : t.key === leftKey ? 'left' : 'right';
          const activate = (): void => {
            if (t.key !== activeKey) model.sessions.activate(t.key);
          };
          return (
            <div key={t.key} className={`session-pane${side ? ` side-${side}` : ''}`} hidden={!visible} data-tab-key={t.key} data-state={t.status.state}>
              {visible && <InputNotice tab={t} />}
              <div
                className="session-pane-body"
                onMouseDown={t.sessionId ? undefined : activate}
                onContextMenu={(e) => {
                  const c = t.sessionId ? model.registry.get(t.sessionId) : undefined;
                  // The find bar's field keeps the browser's own menu (cut, paste, spelling).
                  if (c === undefined || (e.target as Element).closest('.find-bar') !== null) return;
                  e.preventDefault();
                  setMenu({ x: e.clientX, y: e.clientY, items: terminalMenu(model, c) });
                }}
              >
                {findOpen && t.key === activeKey && controller && <FindBar controller={controller} onClose={onCloseFind} />}
                {t.sessionId ? (
                  <TerminalView sessionId={t.sessionId} visible={visible} focused={t.key === activeKey} side={side} onFocus={activate} />
                ) : (
                  <NoTerminal tab={t} />
                )}
              </div>
              {/* After the terminal in the page's order (Tab from it reaches the banner's buttons, a screen reader reads it after the text), as it shows at its foot. */}
              {visible && <SessionBanner tab={t} />}
            </div>
          );
        })}
        {pair && <SplitSeparator />}
        {tabs.length === 0 && (
          <div className="terminal-empty">
            <div className="empty-state">
              <p className="empty-title">No open sessions.</p>
              <p>Double-click a container or instance in the tree to open a shell, or right-click it for port forwards and diagnostics.</p>
            </div>
          </div>
        )}
      </div>
      {menu && <ContextMenu menu={menu} onClose={closeMenu} />}
    </section>
  );
}
