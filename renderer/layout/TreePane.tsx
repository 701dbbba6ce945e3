// Left pane: profiles at the top of the target tree. Expanding into regions, clusters and
// instances arrives with the inventory service.
import { useCall } from '../app/use-call.js';
import { CallNotice, Notice } from './Notice.js';

export function TreePane() {
  const profiles = useCall('inventory', 'profiles', {});
  return (
    <nav className="pane tree-pane" aria-label="Targets">
      <header className="pane-header">Targets</header>
      <div className="pane-body" data-testid="tree">
        <CallNotice state={profiles} what="profiles" />
        {profiles.status === 'ready' && profiles.value.profiles.length === 0 && <Notice text="No AWS profiles found." />}
        {profiles.status === 'ready' && (
          <ul className="tree" role="tree">
            {profiles.value.profiles.map((p) => (
              <li key={p.name} role="treeitem" aria-selected={false} className="tree-item">
                <span className="tree-label">{p.name}</span>
                <span className="tree-meta">{p.source === 'sandbox' ? 'sandbox' : (p.defaultRegion ?? '')}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </nav>
  );
}
