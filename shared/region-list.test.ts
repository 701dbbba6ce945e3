import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LayoutChangeSchema, RegionChangeSchema, SettingsPatchSchema, SettingsSchema } from './contract/settings.js';
import { defaultRegions, profileEntry, shownRegions, withRegionAdded, withRegionOpened, withRegionRemoved } from './region-list.js';

describe('region list per profile', () => {
  it('finds a profile’s entry among own keys only, whatever the profile is called', () => {
    const record: Record<string, string[]> = { dev: ['eu-west-1'] };
    expect(profileEntry(record, 'dev')).toEqual(['eu-west-1']);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(profileEntry(record, name)).toBeUndefined();
    expect(shownRegions(defaultRegions('us-east-1', profileEntry(record, 'constructor')), profileEntry({}, 'toString'))).toEqual(['us-east-1']);
  });

  it('defaults to the configured region, then the regions opened before, each once', () => {
    expect(defaultRegions('us-east-1', ['eu-west-1', 'us-east-1', 'ap-south-1'])).toEqual(['us-east-1', 'eu-west-1', 'ap-south-1']);
    expect(defaultRegions(null, ['eu-west-1'])).toEqual(['eu-west-1']);
    expect(defaultRegions(null)).toEqual([]);
  });

  it('adds a region after the defaults and removes it again', () => {
    const defaults = ['us-east-1'];
    const added = withRegionAdded({ added: [], removed: [] }, 'eu-west-1');
    expect(added).toEqual({ added: ['eu-west-1'], removed: [] });
    expect(shownRegions(defaults, added)).toEqual(['us-east-1', 'eu-west-1']);
    expect(withRegionAdded(added, 'eu-west-1')).toEqual(added);
    const removed = withRegionRemoved(added, 'eu-west-1');
    expect(removed).toEqual({ added: [], removed: ['eu-west-1'] });
    expect(shownRegions(defaults, removed)).toEqual(['us-east-1']);
  });

  it('hides a removed default region (even one opened before), and adding it back shows it', () => {
    const defaults = defaultRegions('us-east-1', ['eu-west-1']);
    const removed = withRegionRemoved({ added: [], removed: [] }, 'eu-west-1');
    expect(shownRegions(defaults, removed)).toEqual(['us-east-1']);
    const back = withRegionAdded(removed, 'eu-west-1');
    expect(back).toEqual({ added: ['eu-west-1'], removed: [] });
    expect(shownRegions(defaults, back)).toEqual(['us-east-1', 'eu-west-1']);
    expect(shownRegions(defaults, withRegionRemoved(back, 'us-east-1'))).toEqual(['eu-west-1']);
  });

  it('records an opened region once, keeping the same list object when nothing changes', () => {
    const once = withRegionOpened([], 'eu-west-1');
    expect(once).toEqual(['eu-west-1']);
    expect(withRegionOpened(once, 'eu-west-1')).toBe(once);
  });
});

describe('persisted layout and region settings', () => {
  it('accepts the defaults, a layout change and a region change', () => {
    expect(SettingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    const layout = { treeWidth: 420, panelOpen: false };
    expect(LayoutChangeSchema.parse(layout)).toEqual(layout);
    const region = { profile: 'dev', region: 'eu-west-1', change: 'add' };
    expect(RegionChangeSchema.parse(region)).toEqual(region);
  });

  it.each([
    ['a tree narrower than usable', { treeWidth: 40 }, /treeWidth/],
    ['a split past its bounds', { splitRatio: 0.95 }, /splitRatio/],
    ['a panel height that is not a whole pixel count', { panelHeight: 200.5 }, /panelHeight/],
    ['an unknown layout field', { extra: 1 }, /extra/],
  ])('refuses a layout change with %s', (_what, change, message) => {
    const parsed = LayoutChangeSchema.safeParse(change);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });

  it.each([
    ['a region code that is not one', RegionChangeSchema, { profile: 'dev', region: 'eu-west', change: 'add' }, /not an AWS region name/],
    ['an opened region that is not one', SettingsPatchSchema, { openedRegions: { dev: ['US-EAST-1'] } }, /not an AWS region name/],
    ['a whole layout, which only changeLayout carries', SettingsPatchSchema, { layout: DEFAULT_SETTINGS.layout }, /layout/],
    ['whole region choices, which only changeRegion carries', SettingsPatchSchema, { regions: { dev: { added: ['eu-west-1'], removed: [] } } }, /regions/],
  ] as const)('refuses %s', (_what, schema, patch, message) => {
    const parsed = schema.safeParse(patch);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });
});
