// The bottom panel's keyboard entry: its selected tab (Ctrl+Shift+` and a diagnosis started from
// quick open). The panel opens on the next render, so the tab is looked up after it.

export function focusPanelTab(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.bottom-panel [role="tab"][aria-selected="true"]')?.focus());
}
