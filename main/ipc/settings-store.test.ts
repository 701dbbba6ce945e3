// The layout and per-profile region settings as main keeps them: validated field by field on
// read, written through the atomic writer, and told to listeners (which reload a profile's regions).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/contract/index.js';
import { mergeStoredSettings, SettingsStore } from './settings-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store: layout and regions', () => {
  it('keeps a valid stored layout and defaults an invalid one', () => {
    const layout = { ...DEFAULT_SETTINGS.layout, treeWidth: 360, treeCollapsed: true };
    expect(mergeStoredSettings({ layout }).settings.layout).toEqual(layout);
    const bad = mergeStoredSettings({ layout: { ...layout, treeWidth: 10 }, regions: { dev: { added: ['nowhere'], removed: [] } } });
    expect(bad.settings.layout).toEqual(DEFAULT_SETTINGS.layout);
    expect(bad.settings.regions).toEqual({});
    expect(bad.ignored).toEqual(['layout', 'regions']);
  });

  it('records an opened region once, persists it and tells listeners with the settings before', async () => {
    const store = new SettingsStore(dir);
    const seen: Array<[Settings, Settings]> = [];
    store.onChange((next, previous) => seen.push([next, previous]));
    const first = await store.noteOpenedRegion('dev', 'eu-west-1');
    expect(first?.openedRegions).toEqual({ dev: ['eu-west-1'] });
    expect(await store.noteOpenedRegion('dev', 'eu-west-1')).toBeNull();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[1].openedRegions).toEqual({});
    const onDisk = JSON.parse(await readFile(store.file, 'utf8')) as Settings;
    expect(onDisk.openedRegions).toEqual({ dev: ['eu-west-1'] });
    expect(await new SettingsStore(dir).get()).toMatchObject({ openedRegions: { dev: ['eu-west-1'] } });
  });

  it('keeps regions for profiles named like Object members (constructor, toString, hasOwnProperty)', async () => {
    const store = new SettingsStore(dir);
    for (const profile of ['constructor', 'toString', 'hasOwnProperty']) {
      expect((await store.noteOpenedRegion(profile, 'eu-west-1'))?.openedRegions[profile]).toEqual(['eu-west-1']);
    }
    expect(await new SettingsStore(dir).get()).toMatchObject({ openedRegions: { constructor: ['eu-west-1'], toString: ['eu-west-1'], hasOwnProperty: ['eu-west-1'] } });
  });

  it('reads a file from before layouts existed with the default layout and no region choices', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ theme: 'light' }));
    const got = await new SettingsStore(dir).get();
    expect(got).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });
});

describe('settings store: the tree view two windows share', () => {
  it('merges changes sent at once by two windows, each through the one queued writer, and keeps both on disk', async () => {
    const store = new SettingsStore(dir);
    const place = (id: string) => ({ id, parent: 'root' });
    await store.changeTree({ opened: [place('a'), place('b')], closed: [], selected: place('a') });
    // Two windows' saves arrive together: one closes b, the other opens c and selects it.
    await Promise.all([store.changeTree({ opened: [], closed: ['b'] }), store.changeTree({ opened: [place('c')], closed: [], selected: place('c') })]);
    const expected = { open: [place('a'), place('c')], selected: place('c') };
    expect((await store.get()).tree).toEqual(expected);
    expect((JSON.parse(await readFile(store.file, 'utf8')) as Settings).tree).toEqual(expected);
    // A restart reads the merged view back.
    expect((await new SettingsStore(dir).get()).tree).toEqual(expected);
  });
});

describe('settings store: the layout and region choices two windows share', () => {
  it('merges layout keys two windows change at once, key by key, and keeps both on disk', async () => {
    const store = new SettingsStore(dir);
    // Window A dragged the tree wider while window B closed the bottom panel and moved the split.
    await Promise.all([store.changeLayout({ treeWidth: 420 }), store.changeLayout({ panelOpen: false, splitRatio: 0.3 })]);
    const expected = { ...DEFAULT_SETTINGS.layout, treeWidth: 420, panelOpen: false, splitRatio: 0.3 };
    expect((await store.get()).layout).toEqual(expected);
    expect((JSON.parse(await readFile(store.file, 'utf8')) as Settings).layout).toEqual(expected);
    // A later change of one key leaves the other window's keys alone.
    await store.changeLayout({ treeWidth: 380 });
    expect((await new SettingsStore(dir).get()).layout).toEqual({ ...expected, treeWidth: 380 });
  });

  it('applies region choices from two windows to the choices as they are, for one profile and for two', async () => {
    const store = new SettingsStore(dir);
    await store.changeRegion({ profile: 'dev', region: 'us-east-1', change: 'add' });
    await Promise.all([
      store.changeRegion({ profile: 'dev', region: 'eu-west-1', change: 'add' }),
      store.changeRegion({ profile: 'dev', region: 'us-east-1', change: 'remove' }),
      store.changeRegion({ profile: 'prod', region: 'ap-south-1', change: 'add' }),
    ]);
    const expected = { dev: { added: ['eu-west-1'], removed: ['us-east-1'] }, prod: { added: ['ap-south-1'], removed: [] } };
    expect((await store.get()).regions).toEqual(expected);
    expect((await new SettingsStore(dir).get()).regions).toEqual(expected);
  });

  it('a layout change whose write fails is reported, stays in force, and is saved with the next change that can be', async () => {
    const store = new SettingsStore(dir);
    await store.changeLayout({ treeWidth: 400 });
    await rm(store.file);
    await mkdir(store.file);
    await writeFile(join(store.file, 'x'), '');
    await expect(store.changeLayout({ panelHeight: 300 })).rejects.toThrow(/in use but could not be saved/);
    expect((await store.get()).layout.panelHeight).toBe(300);
    await rm(store.file, { recursive: true });
    await store.changeLayout({ splitRatio: 0.6 });
    const onDisk = JSON.parse(await readFile(store.file, 'utf8')) as Settings;
    expect(onDisk.layout).toEqual({ ...DEFAULT_SETTINGS.layout, treeWidth: 400, panelHeight: 300, splitRatio: 0.6 });
  });
});

describe('settings store: changes asked for at the same time', () => {
  it('keeps every one: opened regions of two profiles, two recent targets, an update beside them', async () => {
    const store = new SettingsStore(dir);
    const target = (name: string) => ({ nodeId: `instance:${name}`, kind: 'instance' as const, label: name, where: 'dev · us-east-1', title: name, target: { kind: 'instance' as const, profile: 'dev', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' } });
    await Promise.all([
      store.noteOpenedRegion('dev', 'us-east-1'),
      store.noteOpenedRegion('prod', 'eu-west-1'),
      store.rememberTarget(target('one')),
      store.rememberTarget(target('two')),
      store.update({ fontSize: 15 }),
    ]);
    const settings = await new SettingsStore(dir).get();
    expect(settings.openedRegions).toEqual({ dev: ['us-east-1'], prod: ['eu-west-1'] });
    expect(settings.recentTargets.map((r) => r.label)).toEqual(['two', 'one']);
    expect(settings.fontSize).toBe(15);
  });
});

describe('settings store: a write that fails', () => {
  it('says so, still tells listeners (the change is in force), and the next write that can succeed saves it', async () => {
    const store = new SettingsStore(dir);
    const seen: string[][] = [];
    store.onChange((next) => seen.push(Object.keys(next.openedRegions)));
    await store.noteOpenedRegion('dev', 'eu-west-1');
    // The settings file's place is taken by a directory that holds something: the rename onto it fails.
    await rm(store.file);
    await mkdir(store.file);
    await writeFile(join(store.file, 'x'), '');
    await expect(store.noteOpenedRegion('prod', 'us-east-1')).rejects.toThrow(/in use but could not be saved/);
    expect(seen.at(-1)).toEqual(['dev', 'prod']);
    await rm(store.file, { recursive: true });
    await store.noteOpenedRegion('qa', 'eu-central-1');
    const onDisk = JSON.parse(await readFile(store.file, 'utf8')) as Settings;
    expect(Object.keys(onDisk.openedRegions)).toEqual(['dev', 'prod', 'qa']);
  });
});
