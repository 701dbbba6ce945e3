// The row of session tabs above the terminal area.
import type { SessionInfo } from '../../shared/contract/index.js';

export function TabStrip({ sessions }: { sessions: readonly SessionInfo[] }) {
  return (
    <div className="tab-strip" role="tablist" aria-label="Sessions">
      {sessions.map((s) => (
        <button key={s.id} role="tab" aria-selected={false} className={`tab tab-${s.status.state}`} title={s.status.reason ?? s.status.state}>
          <span className="tab-dot" aria-hidden="true" />
          {s.title}
        </button>
      ))}
    </div>
  );
}
