// The modal every form and sheet uses: a backdrop, a titled box with a close button, Esc to close,
// Tab kept inside, and the keyboard given back where it was when the dialog goes away
// (return-focus.ts). The content decides what gets the keyboard first (autoFocus or initialFocus);
// without one, the first field or button after the title does.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useReturnFocus } from './return-focus.js';

/** What Tab can reach inside the dialog. */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

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
  /** A click on the backdrop leaves the dialog open (a prompt that must be answered or cancelled). */
  readonly modalBackdrop?: boolean;
  /** What gets focus when the dialog opens, when nothing inside took it with autoFocus. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly testId?: string;
  readonly children: ReactNode;
}

function focusables(box: HTMLElement): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/** Tab and Shift+Tab wrap at the ends, so the keyboard never wanders behind the backdrop. */
function trapTab(e: React.KeyboardEvent, box: HTMLElement): void {
  const all = focusables(box);
  const first = all[0];
  const last = all[all.length - 1];
  if (first === undefined || last === undefined) return e.preventDefault();
  const at = document.activeElement;
  const inside = at instanceof HTMLElement && box.contains(at);
  if (e.shiftKey && (at === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (at === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}

export function Dialog({ title, onClose, closeLabel = 'Close', onSubmit, className, modalBackdrop, initialFocus, testId, children }: DialogProps) {
  const titleId = useId();
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
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    'data-testid': testId,
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
      <button ref={close} type="button" className="icon-button" aria-label={closeLabel} title={closeLabel} onClick={onClose}>
        ×
      </button>
    </div>
  );

  return (
    <div className="modal-backdrop" data-overlay="" onMouseDown={(e) => !modalBackdrop && e.target === e.currentTarget && onClose()}>
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
          {children}
        </form>
      ) : (
        <div {...props} ref={(el) => void (box.current = el)}>
          {header}
          {children}
        </div>
      )}
    </div>
  );
}
