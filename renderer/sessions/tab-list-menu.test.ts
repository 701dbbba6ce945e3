// The list of all tabs shows each of the first nine tabs' "Go to tab N" key, in this host's
// words, the active tab checked; past nine no key (there is none).
import { describe, expect, it } from 'vitest';
import { Keymap } from '../commands/keymap.js';
import type { Tab } from './session-types.js';
import { tabListMenu } from './tab-list-menu.js';

const target = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0abc' } as const;
const tab = (n: number): Tab => ({ key: `k${n}`, sessionId: `s${n}`, title: `app (${n})`, target, status: { state: 'connected' }, reconnects: 0, recording: null });
const tabs = Array.from({ length: 11 }, (_, i) => tab(i + 1));

describe('the list of all tabs', () => {
  it('the first nine show their Go to tab key (desktop, Linux and Windows); the tenth and later none', () => {
    const keymap = new Keymap('desktop', false);
    const items = tabListMenu(tabs, 'k3', (id) => keymap.label(id), () => undefined);
    expect(items.slice(0, 9).map((i) => i.keys)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Ctrl+Shift+${n}`));
    expect(items.slice(9).map((i) => i.keys)).toEqual([undefined, undefined]);
    expect(items.map((i) => i.label)).toEqual(tabs.map((t) => t.title));
    expect(items.filter((i) => i.checked).map((i) => i.label)).toEqual(['app (3)']);
    expect(items[0]?.hint).toBe('app (1)\nConnected');
  });

  it("on macOS, that host's keys (a browser on macOS keeps ⌘1–9, so there they are Alt+Shift)", () => {
    const mac = new Keymap('desktop', true);
    const macWeb = new Keymap('web', true);
    expect(tabListMenu(tabs, null, (id) => mac.label(id), () => undefined)[1]?.keys).toBe('⌘2');
    expect(tabListMenu(tabs, null, (id) => macWeb.label(id), () => undefined)[0]?.keys).toBe('⌥⇧1');
  });

  it('an item shows its tab', () => {
    const shown: string[] = [];
    tabListMenu(tabs, 'k1', () => '', (key) => shown.push(key))[4]?.run();
    expect(shown).toEqual(['k5']);
  });
});
