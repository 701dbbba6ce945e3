import { describe, expect, it } from 'vitest';
import { tabTitleParts } from './tab-title.js';

const joined = (p: ReturnType<typeof tabTitleParts>) => `${p.name}${p.separator}${p.head}${p.tail}${p.number}`;

describe('tabTitleParts', () => {
  it('lets the whole qualifier go when no other tab on the name differs in it', () => {
    const titles = ['app · 1f0001', 'app · 1f0001 (2)', 'app · 1f0001 (3)'];
    expect(tabTitleParts('app · 1f0001 (3)', titles)).toEqual({ name: 'app', separator: '', head: ' · 1f0001', tail: '', number: ' (3)' });
  });

  it('keeps the differing end of the qualifier beside another task of the same name', () => {
    const titles = ['app · 1f0001', 'app · 1f0002', 'app · 1f0002 (2)'];
    expect(tabTitleParts('app · 1f0002 (2)', titles)).toEqual({ name: 'app', separator: ' · ', head: '1f00', tail: '02', number: ' (2)' });
    expect(tabTitleParts('app · 1f0001', titles)).toEqual({ name: 'app', separator: ' · ', head: '1f00', tail: '01', number: '' });
  });

  it('keeps more of the end when the qualifiers differ earlier', () => {
    const titles = ['web · ab1234', 'web · ac1234'];
    expect(tabTitleParts('web · ab1234', titles)).toMatchObject({ head: 'a', tail: 'b1234' });
  });

  it('ignores other names and keeps titles without a qualifier whole', () => {
    const titles = ['app · 1f0001', 'log-router · 1f0002', 'bastion', 'bastion (2)'];
    expect(tabTitleParts('app · 1f0001', titles)).toMatchObject({ separator: '', head: ' · 1f0001', tail: '' });
    expect(tabTitleParts('bastion (2)', titles)).toEqual({ name: 'bastion', separator: '', head: '', tail: '', number: ' (2)' });
  });

  it('always puts the title back together exactly', () => {
    const titles = ['app · 1f0001', 'app · 1f0002 (12)', 'my shell', ' · odd', 'x · '];
    for (const t of titles) expect(joined(tabTitleParts(t, titles))).toBe(t);
  });
});
