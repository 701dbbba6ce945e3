// A tab's menu shows the keys its actions have, as the terminal's menu does, and only where the
// key does what the item does (New tab and Close act on the active tab).
import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_OUTPUT } from '../../main/ssm/datachannel/index.js';
import { Keymap } from '../commands/keymap.js';
import type { SessionsState, Tab } from './session-types.js';
import { tabMenu, type TabMenuModel } from './tab-menu.js';

const target = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0abc' } as const;
const tab = (key: string): Tab => ({ key, sessionId: `s-${key}`, title: key, target, status: { state: 'connected' }, reconnects: 0, recording: null });
const active = tab('a');
const other = tab('b');

function model(keymap: Keymap, linkLost: string | null = null): TabMenuModel {
  const state: SessionsState = { tabs: [active, other], activeKey: 'a', pairKey: null, linkLost };
  return { sessions: { state }, keymap, transfers: {} } as unknown as TabMenuModel;
}
const keysOf = (m: TabMenuModel, t: Tab): Array<[string, string | undefined]> => tabMenu(m, t, () => undefined).map((i) => [i.label, i.keys]);

describe('the tab menu', () => {
  it("the active tab's menu shows Rename's, New tab's and Close's keys (desktop, Linux and Windows)", () => {
    expect(keysOf(model(new Keymap('desktop', false)), active)).toEqual([
      ['Rename…', 'F2'],
      ['Record to a .cast file', undefined],
      ['Upload…', undefined],
      ['Download…', undefined],
      ['New tab to the same target', 'Ctrl+Shift+T'],
      ['Close', 'Ctrl+Shift+W'],
    ]);
  });

  it('in a browser and on macOS, the keys of that host', () => {
    const web = keysOf(model(new Keymap('web', false)), active);
    expect(web.find(([l]) => l === 'Close')?.[1]).toBe('Alt+Shift+W');
    expect(web.find(([l]) => l === 'New tab to the same target')?.[1]).toBe('Alt+Shift+T');
    expect(keysOf(model(new Keymap('desktop', true)), active).find(([l]) => l === 'Close')?.[1]).toBe('⌘W');
  });

  it("another tab's menu shows no key that would act on the active tab instead", () => {
    const items = keysOf(model(new Keymap('desktop', false)), other);
    expect(items.find(([l]) => l === 'Close')).toEqual(['Close', undefined]);
    expect(items.find(([l]) => l === 'New tab to the same target')).toEqual(['New tab to the same target', undefined]);
    expect(items.find(([l]) => l === 'Rename…')).toEqual(['Rename…', 'F2']);
    expect(items[0]).toEqual(['Show beside the active tab', undefined]);
  });

  it('with the host link lost, what needs it is off with the reason, keys still shown', () => {
    const items = tabMenu(model(new Keymap('desktop', false), 'Lost the connection'), active, () => undefined);
    const fresh = items.find((i) => i.label === 'New tab to the same target');
    expect(fresh).toMatchObject({ disabled: true, hint: 'Lost the connection', keys: 'Ctrl+Shift+T' });
    expect(items.find((i) => i.label === 'Close')?.disabled).toBeUndefined();
  });

  it("a tab ended by Session Manager's idle timeout says Reopen, as its banner does; a failed one Restart session", () => {
    const labels = (status: Tab['status']) => tabMenu(model(new Keymap('desktop', false)), { ...other, status }, () => undefined).map((i) => i.label);
    const idle = labels({ state: 'closed', ending: 'timed-out', reason: IDLE_TIMEOUT_OUTPUT });
    expect(idle).toContain('Reopen');
    expect(idle).not.toContain('Restart session');
    expect(labels({ state: 'closed', ending: 'failed' })).toContain('Restart session');
  });
});
