// A message naming codes, with each code kept on one line: browsers may break a line after any
// hyphen, which split "eu-west-1" into "eu-" and "west-1" in the Add region form, and a
// diagnosis's fix "--enable-execute-command" into "--" and "enable-execute-command" (a command to
// copy in an incident). Non-breaking hyphens would not do: they copy as U+2011, which no shell takes.
import type { ReactNode } from 'react';

/**
 * A code: a word with hyphens inside (eu-west-1, us-gov-east-1, update-service, i-0a1b2c3d) or a
 * command-line option (--enable-execute-command, -v), not starting in the middle of another word.
 */
const CODE = /(?<![\w-])(?:--?[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/g;

export function KeepCodesWhole({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(CODE)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(
      <span key={m.index} className="nowrap">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
