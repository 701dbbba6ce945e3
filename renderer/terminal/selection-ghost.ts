// xterm 6's DOM renderer remembers the last selection it drew, and a redraw with nothing selected
// returns before forgetting it; its next resize draws that remembered selection again
// (DomRenderer.handleResize). So a selection gone long ago (the find bar's last match after Esc,
// text clicked away) came back as a highlight, at a place the text no longer is, when the window
// or the pane changed size. Forgetting it with each redraw that has nothing selected ends that.
// The WebGL renderer forgets its own.
import { renderServiceOf } from './xterm-render-service.js';

/** The DOM renderer's memory of what it drew (not public API: checked before use). */
interface DrawnSelection {
  clear(): void;
  readonly selectionStart: unknown;
}

/** The part of xterm's render service this needs (not public API: checked before use). */
interface RenderService {
  handleSelectionChanged(start: [number, number] | undefined, end: [number, number] | undefined, columnSelectMode: boolean): void;
  readonly _renderer?: { readonly value?: unknown };
}

/** The method xterm 6 has takes (start, end, columnSelectMode); one shaped otherwise (a later xterm) is left alone. */
const SELECTION_CHANGED_ARITY = 3;

function isRenderService(value: unknown): value is RenderService {
  if (typeof value !== 'object' || value === null) return false;
  const method = (value as { handleSelectionChanged?: unknown }).handleSelectionChanged;
  return typeof method === 'function' && method.length === SELECTION_CHANGED_ARITY;
}

/** The current renderer's remembered selection when it is the DOM renderer's kind; null otherwise. */
export function drawnSelection(service: RenderService): DrawnSelection | null {
  const renderer = service._renderer?.value;
  if (typeof renderer !== 'object' || renderer === null) return null;
  const model: unknown = (renderer as { _selectionRenderModel?: unknown })._selectionRenderModel;
  if (typeof model !== 'object' || model === null || !('selectionStart' in model)) return null;
  return typeof (model as { clear?: unknown }).clear === 'function' ? (model as DrawnSelection) : null;
}

/** Wraps the service's selection redraw so that one with nothing selected also clears the renderer's memory of the last one. */
export function forgetClearedSelections(service: RenderService): void {
  const original = service.handleSelectionChanged.bind(service);
  service.handleSelectionChanged = (start, end, columnSelectMode) => {
    if (start === undefined || end === undefined) drawnSelection(service)?.clear();
    original(start, end, columnSelectMode);
  };
}

/** Applies the above to an opened xterm Terminal; false, changing nothing, when its internals are not shaped as expected. */
export function preventSelectionGhosts(terminal: object): boolean {
  const service = renderServiceOf(terminal);
  if (!isRenderService(service)) return false;
  forgetClearedSelections(service);
  return true;
}
