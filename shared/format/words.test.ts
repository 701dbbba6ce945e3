import { describe, expect, it } from 'vitest';
import { counted, withArticle } from './words.js';

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
});
