// The config findings as the contract carries them: with the root's children and its `changed`
// event, bounded, and refusing a finding that cannot be shown (no file, line 0, no words).
import { describe, expect, it } from 'vitest';
import { configFindingText } from '../format/config-finding.js';
import { inventoryService, MAX_CONFIG_FINDINGS, type ConfigFinding } from './inventory.js';

const finding: ConfigFinding = {
  file: '~/.aws/config',
  line: 12,
  profile: 'prod',
  problem: "'[profile prod' has no closing ']'",
  effect: 'profile prod is not listed',
  fix: "Write '[profile prod]'.",
};

const children = inventoryService.methods.children.result;
const changed = inventoryService.events.changed;

describe('inventory contract: config findings', () => {
  it('travels with the root’s children and with its changed event, and stays optional for older hosts', () => {
    expect(children.parse({ nodes: [], configFindings: [finding] })).toEqual({ nodes: [], configFindings: [finding] });
    expect(changed.parse({ parentId: 'root', nodes: [], configFindings: [finding] })).toMatchObject({ configFindings: [finding] });
    expect(children.parse({ nodes: [] })).toEqual({ nodes: [] });
  });

  it('a finding about a whole file has no line', () => {
    const whole = { ...finding, line: null, profile: null };
    expect(children.parse({ nodes: [], configFindings: [whole] }).configFindings).toEqual([whole]);
  });

  it('refuses a finding that could not be shown, and more than the bound', () => {
    for (const bad of [{ ...finding, file: '' }, { ...finding, line: 0 }, { ...finding, problem: '' }, { ...finding, fix: undefined }]) {
      expect(children.safeParse({ nodes: [], configFindings: [bad] }).success).toBe(false);
    }
    expect(children.safeParse({ nodes: [], configFindings: Array.from({ length: MAX_CONFIG_FINDINGS + 1 }, () => finding) }).success).toBe(false);
  });

  it('reads as one sentence: place, problem, effect, fix', () => {
    expect(configFindingText(finding)).toBe("~/.aws/config line 12: '[profile prod' has no closing ']'; profile prod is not listed. Write '[profile prod]'.");
    expect(configFindingText({ ...finding, line: null })).toMatch(/^~\/\.aws\/config: /);
  });
});
