// A message naming AWS region codes, with each code kept on one line: browsers may break a line
// after any hyphen, which split "eu-west-1" into "eu-" and "west-1" in the Add region form.
import type { ReactNode } from 'react';

/** A region code as AWS spells them: eu-west-1, us-gov-east-1, ap-southeast-22, and typos of that shape. */
const REGION_CODE = /\b[a-z]{2}(?:-[a-z]+)+-\d+\b/g;

export function KeepCodesWhole({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(REGION_CODE)) {
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
