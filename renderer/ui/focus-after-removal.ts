// A control that removes its own row (a forward's ✕, a transfer's Dismiss) takes the keyboard with
// it: the browser drops focus to the page body, where no key of the panel works any more. Once
// the row has gone, the keyboard moves to the same control in the next row, else the previous
// one, else to `fallback` (the panel's own button), as lists in desktop apps do.

/**
 * The same control in `row`: the one with the same data-row-control (a control whose accessible
 * name names its own row, "Remove forward “db” …", says what it is there), else the same
 * aria-label, else the same words.
 */
function sameControl(row: Element, control: HTMLElement): HTMLElement | null {
  const kind = control.getAttribute('data-row-control');
  const label = control.getAttribute('aria-label');
  const words = control.textContent;
  const same = (candidate: HTMLElement): boolean => {
    if (kind !== null) return candidate.getAttribute('data-row-control') === kind;
    return label !== null ? candidate.getAttribute('aria-label') === label : candidate.textContent === words;
  };
  for (const candidate of row.querySelectorAll<HTMLButtonElement>('button')) {
    if (!candidate.disabled && same(candidate)) return candidate;
  }
  return null;
}

function siblingRow(row: Element, selector: string, forward: boolean): Element | null {
  let at = forward ? row.nextElementSibling : row.previousElementSibling;
  while (at !== null && !at.matches(selector)) at = forward ? at.nextElementSibling : at.previousElementSibling;
  return at;
}

/** How long the row is watched for: a removal main answers later than this (or one cancelled at its question) leaves the keyboard alone. */
const REMOVAL_WATCH_MS = 10_000;

/**
 * Call when the control is pressed, before its row goes. When the row has gone (however long main
 * takes to answer), the keyboard moves, but only if it was lost (on the removed control or the
 * body): a person who went elsewhere meanwhile keeps their place.
 */
export function focusAfterRemoval(control: HTMLElement, rowSelector: string, fallback: () => HTMLElement | null): void {
  const row = control.closest(rowSelector);
  if (row === null) return;
  const next = siblingRow(row, rowSelector, true);
  const previous = siblingRow(row, rowSelector, false);
  const move = (): void => {
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active === control && !control.isConnected);
    if (!lost) return;
    for (const candidate of [next, previous]) {
      if (candidate === null || !candidate.isConnected) continue;
      const target = sameControl(candidate, control);
      if (target !== null) return target.focus();
    }
    fallback()?.focus();
  };
  // The whole list may go with its last row, so watch the panel around it.
  const scope = row.closest('[role="tabpanel"]') ?? document.body;
  const observer = new MutationObserver(() => {
    if (row.isConnected) return;
    stop();
    move();
  });
  const timer = setTimeout(() => stop(), REMOVAL_WATCH_MS);
  const stop = (): void => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(scope, { childList: true, subtree: true });
}
