// The one modal: a question from the DialogStore with a confirm and a cancel button.
import { useEffect, useRef } from 'react';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';

export function ConfirmDialog() {
  const model = useModel();
  const { current } = useStore(model.dialogs);
  const confirm = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (current !== null) confirm.current?.focus();
  }, [current]);

  if (current === null) return null;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && model.dialogs.answer(false)}>
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        onKeyDown={(e) => {
          if (e.key === 'Escape') model.dialogs.answer(false);
          e.stopPropagation();
        }}
      >
        <h2 id="confirm-title" className="modal-title">
          {current.title}
        </h2>
        <p id="confirm-message" className="modal-text">
          {current.message}
        </p>
        <div className="modal-actions">
          <button className="button button-quiet" onClick={() => model.dialogs.answer(false)}>
            Cancel
          </button>
          <button ref={confirm} className={`button ${current.danger ? 'button-danger' : 'button-primary'}`} onClick={() => model.dialogs.answer(true)}>
            {current.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
