import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, type Layout, type LayoutChange } from '../../shared/contract/index.js';
import { LayoutChanges } from './layout-changes.js';

/** Main's saved layout as the settings store keeps it: each change merged key by key; `up` false refuses (the link lost). */
function host() {
  const h: { saved: Layout; sent: LayoutChange[]; up: boolean } = { saved: DEFAULT_LAYOUT, sent: [], up: true };
  const send = (change: LayoutChange): Promise<boolean> => {
    h.sent.push(change);
    if (!h.up) return Promise.resolve(false);
    h.saved = { ...h.saved, ...change };
    return Promise.resolve(true);
  };
  return { h, send };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('LayoutChanges: two windows on one saved layout', () => {
  it('each sends only the keys it changed, so neither overwrites the other', async () => {
    const { h, send } = host();
    const a = new LayoutChanges(send);
    const b = new LayoutChanges(send);
    a.note({ treeWidth: 420 });
    b.note({ panelOpen: false });
    b.note({ splitRatio: 0.3 });
    a.save();
    b.save();
    await settle();
    expect(h.sent).toEqual([{ treeWidth: 420 }, { panelOpen: false, splitRatio: 0.3 }]);
    expect(h.saved).toEqual({ ...DEFAULT_LAYOUT, treeWidth: 420, panelOpen: false, splitRatio: 0.3 });
    // Both now show main's layout, the other window's keys included; nothing is left to send.
    expect(a.shown(h.saved)).toEqual(h.saved);
    expect(b.shown(h.saved)).toEqual(h.saved);
    a.save();
    expect(h.sent).toHaveLength(2);
  });

  it('shows its own unsaved keys over main layout until main has them', () => {
    const a = new LayoutChanges(() => new Promise<boolean>(() => undefined)); // never answered
    a.note({ treeWidth: 500 });
    const fromElsewhere = { ...DEFAULT_LAYOUT, treeWidth: 250, panelHeight: 400 };
    expect(a.shown(fromElsewhere)).toEqual({ ...fromElsewhere, treeWidth: 500 });
    a.save(); // in flight: still shown over main's
    expect(a.shown(fromElsewhere)).toEqual({ ...fromElsewhere, treeWidth: 500 });
  });
});

describe('LayoutChanges: a save that could not be kept', () => {
  it('goes again with the next save, unless the key was changed again meanwhile', async () => {
    const { h, send } = host();
    const a = new LayoutChanges(send);
    h.up = false;
    a.note({ treeWidth: 420, panelHeight: 300 });
    a.save();
    await settle();
    expect(h.saved).toEqual(DEFAULT_LAYOUT);
    // Still shown here while main does not have it.
    expect(a.shown(h.saved)).toMatchObject({ treeWidth: 420, panelHeight: 300 });
    h.up = true;
    a.note({ panelHeight: 260 });
    a.save();
    await settle();
    expect(h.sent.at(-1)).toEqual({ treeWidth: 420, panelHeight: 260 });
    expect(h.saved).toEqual({ ...DEFAULT_LAYOUT, treeWidth: 420, panelHeight: 260 });
  });

  it('tells its owner when a save was not kept (who schedules the next save), and not when it was', async () => {
    const { h, send } = host();
    let told = 0;
    const a = new LayoutChanges(send, () => (told += 1));
    a.note({ treeWidth: 420 });
    a.save();
    await settle();
    expect(told).toBe(0);
    h.up = false;
    a.note({ panelHeight: 300 });
    a.save();
    await settle();
    expect(told).toBe(1);
    h.up = true;
    a.save(); // what the owner's timer does: the refused keys go again with nothing new noted
    await settle();
    expect(h.sent.at(-1)).toEqual({ panelHeight: 300 });
    expect(h.saved.panelHeight).toBe(300);
    expect(told).toBe(1);
  });
});
