// A draggable, keyboard-resizable separator (role="separator", WAI-ARIA window splitter). While
// dragging it only previews (a CSS variable, once per frame): no render, no save; the size is
// committed when the pointer is let go. Arrows step (Shift: bigger), Home/End go to the bounds,
// Enter collapses or expands, double-click resets.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SeparatorProps {
  /** 'vertical': a line between columns (drag left/right); 'horizontal': between rows. */
  readonly orientation: 'vertical' | 'horizontal';
  readonly label: string;
  readonly controls?: string;
  readonly className?: string;
  readonly testId?: string;
  /** Current value (what aria-valuenow says) and its bounds; max is asked when used (it depends on the window). */
  readonly value: number;
  readonly min: number;
  readonly max: () => number;
  readonly step: number;
  readonly bigStep: number;
  /** What a screen reader says for a value ("300 pixels"). ArrowRight (vertical) and ArrowUp (horizontal) increase the value. */
  readonly valueText?: (value: number) => string;
  /** The value a pointer offset from where the drag started gives (pixels along the separator's axis, +right/+down). */
  readonly fromDrag: (start: number, deltaPx: number) => number;
  readonly preview: (value: number) => void;
  readonly commit: (value: number) => void;
  readonly reset: () => void;
  readonly toggle?: () => void;
}

export function Separator(p: SeparatorProps) {
  const drag = useRef<{ pointer: number; origin: number; value: number; frame: number | null } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    drag.current = { pointer: e.pointerId, origin: p.orientation === 'vertical' ? e.clientX : e.clientY, value: p.value, frame: null };
    document.documentElement.classList.add(p.orientation === 'vertical' ? 'resizing-cols' : 'resizing-rows');
  };

  const valueAt = (e: PointerEvent<HTMLDivElement>): number => {
    const d = drag.current;
    if (d === null) return p.value;
    const delta = (p.orientation === 'vertical' ? e.clientX : e.clientY) - d.origin;
    return Math.round(Math.min(p.max(), Math.max(p.min, p.fromDrag(p.value, delta))));
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (d === null || d.pointer !== e.pointerId) return;
    d.value = valueAt(e);
    if (d.frame !== null) return;
    d.frame = requestAnimationFrame(() => {
      d.frame = null;
      p.preview(d.value);
    });
  };

  const end = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (d === null || d.pointer !== e.pointerId) return;
    const value = e.type === 'pointercancel' ? p.value : valueAt(e);
    drag.current = null;
    if (d.frame !== null) cancelAnimationFrame(d.frame);
    document.documentElement.classList.remove('resizing-cols', 'resizing-rows');
    p.preview(value);
    if (value !== p.value) p.commit(value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? p.bigStep : p.step;
    const grow: Readonly<Record<string, number>> = p.orientation === 'vertical' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowUp: 1, ArrowDown: -1 };
    const dir = grow[e.key];
    let next: number | null = null;
    if (dir !== undefined) next = p.value + dir * step;
    else if (e.key === 'Home') next = p.min;
    else if (e.key === 'End') next = p.max();
    else if (e.key === 'Enter' && p.toggle) {
      e.preventDefault();
      p.toggle();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    const value = Math.round(Math.min(p.max(), Math.max(p.min, next)));
    if (value !== p.value) p.commit(value);
  };

  const max = p.max();
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation={p.orientation}
      aria-label={p.label}
      aria-controls={p.controls}
      aria-valuenow={p.value}
      aria-valuemin={p.min}
      aria-valuemax={Math.max(max, p.min)}
      aria-valuetext={p.valueText?.(p.value)}
      title={`${p.label}: drag or use the arrow keys; double-click resets${p.toggle ? ', Enter collapses' : ''}`}
      className={`separator separator-${p.orientation}${p.className ? ` ${p.className}` : ''}`}
      data-testid={p.testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onDoubleClick={p.reset}
      onKeyDown={onKeyDown}
    />
  );
}
