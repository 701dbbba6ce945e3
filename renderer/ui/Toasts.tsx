// Short notices in the bottom-right corner.
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';

export function Toasts() {
  const model = useModel();
  const toasts = useStore(model.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} onClick={() => model.toasts.dismiss(t.id)}>
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
