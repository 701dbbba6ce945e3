// Several checks can share one fix (a task started without execute command fails both "Execute
// command enabled" and "Exec agent" with the same advice): the fix is said under the first check
// that needs it, and the others point there instead of repeating it.
import type { Check } from '../../shared/contract/diagnostics.js';

/** What a check says under its cause: its own fix, a pointer to the check that already said it, or nothing. */
export type FixLine = { readonly kind: 'fix'; readonly text: string } | { readonly kind: 'same-as'; readonly title: string } | null;

/** One line per check, in the order given (the order they are shown). */
export function fixLines(checks: readonly Check[]): FixLine[] {
  const firstTitle = new Map<string, string>();
  return checks.map((c) => {
    if (!c.nextStep) return null;
    const earlier = firstTitle.get(c.nextStep);
    if (earlier !== undefined) return { kind: 'same-as', title: earlier };
    firstTitle.set(c.nextStep, c.title);
    return { kind: 'fix', text: c.nextStep };
  });
}
