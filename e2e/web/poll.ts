// How often the specs' expect.poll waits look again. Playwright's default schedule looks at 0,
// 0.1, 0.35, 0.85 and 1.85 s and then once a second, so a state that arrives at 0.9 s (a reload,
// a settings write, a shell's answer) is seen at 1.85 s: on CI's 2-core machine each such wait
// overshot by up to a second. Each look here is a page.evaluate, a bounding box or a small file
// read (a few milliseconds), so looking every quarter second costs nothing that matters.

/** expect.poll intervals: every 250 ms after a quick first two looks at 50 and 150 ms. */
export const POLL_INTERVALS_MS: readonly number[] = [50, 100, 250];

/** expect.poll options with the quick schedule; `timeout` as expect.poll takes it (the config's expect timeout when omitted). */
export function quickPoll(timeout?: number): { intervals: number[]; timeout?: number } {
  return timeout === undefined ? { intervals: [...POLL_INTERVALS_MS] } : { intervals: [...POLL_INTERVALS_MS], timeout };
}
