// The slot a tab's terminal shows in. The controller (owned by the registry) is moved into the
// slot on mount and out on unmount; StrictMode's mount–unmount–mount just moves it twice.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useModel } from '../root/model-context.js';
import { keyboardInDialog } from '../ui/keyboard-in-dialog.js';
import { UPDATED_MESSAGE } from '../ui/lazy-part.js';
import { useTerminal } from './use-terminal.js';

interface Props {
  readonly sessionId: string;
  readonly visible: boolean;
  /** The active tab's terminal takes the keyboard. */
  readonly focused: boolean;
  /** Which half it takes in split view; null when it has the whole area. */
  readonly side: 'left' | 'right' | null;
  readonly onFocus: () => void;
}

export function TerminalView({ sessionId, visible, focused, side, onFocus }: Props) {
  const model = useModel();
  const slot = useRef<HTMLDivElement>(null);
  // Undefined while the terminal code loads (first terminal of the page); the effects run again when it is there.
  const controller = useTerminal(model.registry, sessionId);
  // The terminal code did not load (the host was rebuilt under this page): the tab says so.
  const loadError = useSyncExternalStore(model.registry.subscribe, () => model.registry.loadError);

  useEffect(() => {
    const el = slot.current;
    if (el === null || controller === undefined) return;
    controller.attach(el);
    return () => controller.detach(el);
  }, [controller]);

  useEffect(() => {
    if (controller === undefined) return;
    controller.setVisible(visible);
    // A dialog opened meanwhile keeps the keyboard; it gives it back to the active terminal when it closes.
    if (visible && focused && !keyboardInDialog()) controller.focus();
  }, [controller, visible, focused]);

  return (
    <div
      ref={slot}
      className={`terminal-slot${side ? ` side-${side}` : ''}${focused ? ' focused' : ''}`}
      hidden={!visible}
      data-session-id={sessionId}
      data-testid={focused ? 'active-terminal' : undefined}
      onMouseDown={onFocus}
    >
      {controller === undefined && loadError !== null && (
        <div className="lazy-part-failed" role="alert" title={loadError}>
          <p>{UPDATED_MESSAGE}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      )}
    </div>
  );
}
