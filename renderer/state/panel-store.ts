// Which bottom-panel view shows, so tree actions (diagnose, forward) can bring theirs forward.
import { Store } from './store.js';

export type PanelView = 'forwards' | 'transfers' | 'diagnostics' | 'inspector';

export class PanelStore extends Store<{ readonly view: PanelView; readonly open: boolean }> {
  constructor() {
    super({ view: 'forwards', open: true });
  }

  show(view: PanelView): void {
    this.set({ view, open: true });
  }

  toggle(): void {
    this.set({ ...this.state, open: !this.state.open });
  }
}
