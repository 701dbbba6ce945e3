// Parts of the UI the first screen does not need (bottom panels, dialogs) are their own chunks,
// loaded the first time they show. The pattern, for any new panel or dialog:
//
//   const ForwardDialog = lazyPart(() => import('../forwards/ForwardDialog.js').then((m) => m.ForwardDialog), {
//     dialog: (model) => model.forwardDraft.close(),
//   });
//   …  {draft && <ForwardDialog draft={draft} />}
//
// The part renders nothing while its code loads (a local fetch, a few ms), and a part whose code
// cannot be loaded (the host was rebuilt under an open page: the chunk's name changed) says so in
// its place, with a Reload button, instead of taking the whole window down. A dialog says so in a
// dialog of its own: in the app's grid, a bare message would land in no visible cell.
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { AppModel } from '../root/app-model.js';
import { useModel } from '../root/model-context.js';
// The link's state, kept current: a part that cannot load after the host went away says that, not "reload".
import { useLinkLost } from '../root/use-link-lost.js';
import { Dialog } from './Dialog.js';

/** What a part whose code did not load says, while the host is still there (it was updated meanwhile). */
export const UPDATED_MESSAGE = 'Porthole was updated — reload to continue.';

interface FailedProps {
  readonly children: ReactNode;
  readonly linkLost: string | null;
  /** Set for a dialog: the failure shows as a dialog, and closing it does what closing the part would. */
  readonly onCloseDialog?: () => void;
}

class LoadFailed extends Component<FailedProps, { error: string | null }> {
  override state: { error: string | null } = { error: null };

  static getDerivedStateFromError(err: unknown): { error: string } {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // With the host gone or restarted, a reload cannot help: the link's own reason says what can.
    const reloadHelps = this.props.linkLost === null;
    const body = (
      <div className="lazy-part-failed" role="alert" title={error}>
        <p>{reloadHelps ? UPDATED_MESSAGE : `This part of Porthole could not be loaded. ${this.props.linkLost}`}</p>
        {reloadHelps && (
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        )}
      </div>
    );
    const close = this.props.onCloseDialog;
    if (close === undefined) return body;
    return (
      <Dialog title="Could not open" onClose={close}>
        {body}
      </Dialog>
    );
  }
}

export interface LazyPartOptions<P> {
  /** The part is a dialog; this closes it (what its own close button would do), for the failure's dialog. */
  readonly dialog?: (model: AppModel, props: P) => void;
}

/** A component whose code is imported on first render; same props as the one it loads. */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, options: LazyPartOptions<P> = {}): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  const closeDialog = options.dialog;
  function LazyPart(props: P) {
    const linkLost = useLinkLost();
    const model = useModel();
    return (
      <LoadFailed linkLost={linkLost} onCloseDialog={closeDialog && (() => closeDialog(model, props))}>
        <Suspense fallback={null}>
          <Loaded {...props} />
        </Suspense>
      </LoadFailed>
    );
  }
  return LazyPart;
}
