// Short notices in the bottom-right corner. The live region is always in the page, empty when no
// notice shows: a screen reader announces changes to a region it already knows, so one added
// together with its first notice would let that notice go unsaid.
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import type { Toast } from './toast-store.js';

export function ToastRegion({ toasts, dismiss }: { toasts: readonly Toast[]; dismiss: (id: number) => void }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} onClick={() => dismiss(t.id)}>
          <span className="toast-text">{t.text}</span>
          {t.actions.length > 0 && (
            <span className="toast-actions">
              {t.actions.map((a) => (
                <button key={a.label} className="button button-quiet" onClick={a.run}>
                  {a.label}
                </button>
              ))}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}

export function Toasts() {
  const model = useModel();
  const toasts = useStore(model.toasts);
  return <ToastRegion toasts={toasts} dismiss={(id) => model.toasts.dismiss(id)} />;
}
