// The tab strip and the area where each tab's xterm instance mounts (one TerminalController
// per tab, owned outside React: terminal bytes never pass through React state).
import { useCall } from '../app/use-call.js';
import { CallNotice, Notice } from './Notice.js';
import { TabStrip } from './TabStrip.js';

export function TerminalArea() {
  const sessions = useCall('sessions', 'list', {});
  const list = sessions.status === 'ready' ? sessions.value.sessions : [];
  return (
    <section className="pane terminal-pane" aria-label="Terminals">
      <TabStrip sessions={list} />
      <div className="terminal-host" data-testid="terminal-host">
        <div className="terminal-empty">
          <CallNotice state={sessions} what="sessions" />
          {sessions.status === 'ready' && list.length === 0 && <Notice text="No open sessions. Choose a container or instance in the tree to open a shell." />}
        </div>
      </div>
    </section>
  );
}
