// The slot a tab's terminal shows in. The controller (owned by the registry) is moved into the
// slot on mount and out on unmount; StrictMode's mount–unmount–mount just moves it twice.
import { useEffect, useRef } from 'react';
import { useModel } from '../app/model-context.js';

export function TerminalView({ sessionId, visible }: { sessionId: string; visible: boolean }) {
  const model = useModel();
  const slot = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = slot.current;
    const controller = model.registry.get(sessionId);
    if (el === null || controller === undefined) return;
    controller.attach(el);
    return () => controller.detach(el);
  }, [model, sessionId]);

  useEffect(() => {
    const controller = model.registry.get(sessionId);
    if (controller === undefined) return;
    controller.setVisible(visible);
    if (visible) controller.focus();
  }, [model, sessionId, visible]);

  return <div ref={slot} className="terminal-slot" hidden={!visible} data-session-id={sessionId} data-testid={visible ? 'active-terminal' : undefined} />;
}
