// Which bottom-panel view shows, so tree actions (diagnose, forward) can bring theirs forward, and
// whether the panel is open. It starts collapsed (layout/panel-auto-open.ts opens it when it has
// something to show); opening or closing it by hand is told to `toggled`, which persists it.
import { Store } from './store.js';

export type PanelView = 'forwards' | 'transfers' | 'diagnostics' | 'inspector';

export class PanelStore extends Store<{ readonly view: PanelView; readonly open: boolean }> {
  constructor(private readonly toggled: (open: boolean) => void = () => undefined) {
    super({ view: 'forwards', open: false });
  }

  show(view: PanelView): void {
    this.set({ view, open: true });
  }

  /** Opens or closes it without it counting as the user's choice (at start). */
  setOpen(open: boolean): void {
    if (open !== this.state.open) this.set({ ...this.state, open });
  }

  toggle(): void {
    this.set({ ...this.state, open: !this.state.open });
    this.toggled(this.state.open);
  }
}
