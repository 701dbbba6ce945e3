// The modal every form and sheet uses: a backdrop, a titled box with a close button (for the pointer:
// Esc is the keyboard's close), Esc to close,
// Tab kept inside, and the keyboard given back where it was when the dialog goes away
// (return-focus.ts). The content decides what gets the keyboard first (autoFocus or initialFocus);
// without one, the first field or button after the title does.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { focusables, trapTab } from './focus-trap.js';
import { useReturnFocus } from './return-focus.js';

export interface DialogProps {
  readonly title: ReactNode;
  /** Esc, the close button and (unless `modalBackdrop`) a click on the backdrop call it. */
  readonly onClose: () => void;
  /** The close button's accessible name. */
  readonly closeLabel?: string;
  /** When given, the box is a <form> and Enter in a field submits. */
  readonly onSubmit?: () => void;
  /** Extra class names on the box (width, layout). */
  readonly className?: string;
  /** A question that interrupts (close a live session?): role alertdialog, described by `description`. */
  readonly alert?: boolean;
  /** The sentence under the title that says what the dialog is about; read out with the title. */
  readonly description?: ReactNode;
  /** A click on the backdrop leaves the dialog open (a prompt that must be answered or cancelled). */
  readonly modalBackdrop?: boolean;
  /** What gets focus when the dialog opens, when nothing inside took it with autoFocus. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly testId?: string;
  readonly children: ReactNode;
}

export function Dialog({ title, onClose, closeLabel = 'Close', onSubmit, className, alert, description, modalBackdrop, initialFocus, testId, children }: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const box = useRef<HTMLElement | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  useReturnFocus();

  useEffect(() => {
    const el = box.current;
    if (el === null || el.contains(document.activeElement)) return;
    const first = initialFocus?.current ?? focusables(el).find((f) => f !== close.current) ?? close.current;
    first?.focus();
  }, [initialFocus]);

  const props = {
    className: `modal${onSubmit ? ' modal-form' : ''}${className ? ` ${className}` : ''}`,
    role: alert ? 'alertdialog' : 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    'aria-describedby': description !== undefined ? descriptionId : undefined,
    'data-testid': testId,
    // A click on its text lands here, not on the page body, so Esc and Tab still reach the dialog.
    tabIndex: -1,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      } else if (e.key === 'Tab' && box.current !== null) trapTab(e, box.current);
      // App-wide shortcuts stay out of a dialog's fields.
      e.stopPropagation();
    },
  } as const;

  const header = (
    <div className="modal-header">
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {/* Out of the Tab sequence: Tab wrapping from the last button to the × in the top corner ran
          against the order on screen. Esc closes every dialog (and a form has Cancel); the × stays
          a button for the pointer and for screen readers. */}
      <button ref={close} type="button" className="icon-button" tabIndex={-1} aria-label={closeLabel} title={`${closeLabel} (Esc)`} onClick={onClose}>
        ×
      </button>
    </div>
  );
  const about =
    description !== undefined ? (
      <p id={descriptionId} className="modal-text">
        {description}
      </p>
    ) : null;

  return (
    <div
      className="modal-backdrop"
      data-overlay=""
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        // A prompt stays, and so does its keyboard (not dropped on the page body, out of Esc's reach).
        if (modalBackdrop) e.preventDefault();
        else onClose();
      }}
    >
      {onSubmit ? (
        <form
          {...props}
          ref={(el) => void (box.current = el)}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {header}
          {about}
          {children}
        </form>
      ) : (
        <div {...props} ref={(el) => void (box.current = el)}>
          {header}
          {about}
          {children}
        </div>
      )}
    </div>
  );
}
