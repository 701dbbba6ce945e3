// Small wording helpers for user-facing sentences: a count with its noun, and a/an.

/** "1 running task", "3 running tasks": the noun's plural is given when it is not noun + "s". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "an Amazon Linux node", "a managed node": "an" before a vowel letter (good enough for the platform names AWS reports). */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** "8080", "8080 and 9000", "22, 80 and 443": a short list the way a sentence says it. */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
