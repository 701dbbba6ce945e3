import { describe, expect, it } from 'vitest';
import { counted, listed, withArticle } from './words.js';

describe('wording', () => {
  it('counts with the right noun form', () => {
    expect(counted(1, 'running task')).toBe('1 running task');
    expect(counted(0, 'service')).toBe('0 services');
    expect(counted(3, 'match', 'matches')).toBe('3 matches');
  });
  it('puts an before a vowel', () => {
    expect(withArticle('Amazon Linux node')).toBe('an Amazon Linux node');
    expect(withArticle('managed node')).toBe('a managed node');
    expect(withArticle('Windows node')).toBe('a Windows node');
  });
  it('lists the way a sentence does', () => {
    expect(listed([])).toBe('');
    expect(listed(['22'])).toBe('22');
    expect(listed(['22', '80'])).toBe('22 and 80');
    expect(listed(['22', '80', '443'])).toBe('22, 80 and 443');
  });
});
