/** Just enough XML writing for the Query-protocol responses (EC2, STS). */

export function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** `<name>children</name>`; children are already-serialised XML or escaped here when a string leaf. */
export function el(name: string, ...children: Array<string | number | boolean | undefined>): string {
  const body = children.filter((c) => c !== undefined).map((c) => (typeof c === 'string' ? c : esc(String(c)))).join('');
  return `<${name}>${body}</${name}>`;
}

/** A leaf whose text must be escaped. */
export function leaf(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${esc(String(value))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
