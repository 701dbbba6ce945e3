// Small wording helpers for user-facing sentences: a count with its noun, and a/an.

/** "1 running task", "3 running tasks": the noun's plural is given when it is not noun + "s". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "an Amazon Linux node", "a managed node": "an" before a vowel letter (good enough for the platform names AWS reports). */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}
