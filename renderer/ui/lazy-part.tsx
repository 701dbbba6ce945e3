// Parts of the UI the first screen does not need (bottom panels, dialogs) are their own chunks,
// loaded the first time they show. The pattern, for any new panel or dialog:
//
//   const ForwardDialog = lazyPart(() => import('../forwards/ForwardDialog.js').then((m) => m.ForwardDialog));
//   …  {draft && <ForwardDialog draft={draft} />}
//
// The part renders nothing while its code loads (a local fetch, a few ms), and a part whose code
// cannot be loaded (the host was rebuilt and restarted under an open page) says so in its place
// instead of taking the whole window down.
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
// The link's state, kept current: a part that cannot load after the host went away says that, not "reload".
import { useLinkLost } from '../root/use-link-lost.js';

class LoadFailed extends Component<{ children: ReactNode; linkLost: string | null }, { error: string | null }> {
  override state: { error: string | null } = { error: null };

  static getDerivedStateFromError(err: unknown): { error: string } {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    // With the host gone or restarted, a reload cannot help: the link's own reason says what can.
    return (
      <p className="lazy-part-failed" role="alert">
        {this.props.linkLost === null
          ? `This part of Porthole could not be loaded (${this.state.error}). Reload the page to try again.`
          : `This part of Porthole could not be loaded. ${this.props.linkLost}`}
      </p>
    );
  }
}

/** A component whose code is imported on first render; same props as the one it loads. */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  function LazyPart(props: P) {
    const linkLost = useLinkLost();
    return (
      <LoadFailed linkLost={linkLost}>
        <Suspense fallback={null}>
          <Loaded {...props} />
        </Suspense>
      </LoadFailed>
    );
  }
  return LazyPart;
}
