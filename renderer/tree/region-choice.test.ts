import { describe, expect, it } from 'vitest';
import { parseRegion, unknownRegion, unknownRegionText } from './region-choice.js';

describe('unknownRegion', () => {
  it('is null for a region Porthole knows', () => {
    expect(unknownRegion('eu-west-1')).toBeNull();
    expect(unknownRegion('ap-southeast-7')).toBeNull();
  });

  it('suggests the known region a typo is closest to: swapped, missing or changed letters', () => {
    expect(unknownRegion('eu-wset-1')).toEqual({ suggestion: 'eu-west-1' });
    expect(unknownRegion('us-est-1')).toEqual({ suggestion: 'us-east-1' });
    expect(unknownRegion('eu-centrl-1')).toEqual({ suggestion: 'eu-central-1' });
    expect(unknownRegion('us-east-7')).toEqual({ suggestion: 'us-east-1' });
  });

  it('suggests nothing for a well-formed code far from every known one (GovCloud, China, a newer region)', () => {
    expect(unknownRegion('us-gov-west-1')).toEqual({ suggestion: null });
    expect(unknownRegion('cn-northwest-1')).toEqual({ suggestion: null });
  });

  it('says what it is and how to add it anyway', () => {
    expect(unknownRegionText('eu-wset-1', 'eu-west-1')).toBe('eu-wset-1 is not a region Porthole knows. Did you mean eu-west-1? Press Add region again to add it anyway (a region newer than Porthole, GovCloud or China).');
    expect(unknownRegionText('us-gov-west-1', null)).toBe('us-gov-west-1 is not a region Porthole knows. Press Add region again to add it anyway (a region newer than Porthole, GovCloud or China).');
  });

  it('parseRegion still refuses what is not a region code at all', () => {
    expect(parseRegion(' EU-West-1 ')).toEqual({ region: 'eu-west-1' });
    expect(parseRegion('eu-west')).toEqual({ error: '“eu-west” is not an AWS region code like eu-west-1.' });
  });
});
