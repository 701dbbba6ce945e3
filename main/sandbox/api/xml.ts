/** Just enough XML writing for the Query-protocol responses (EC2, STS, IAM). */

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

/** XML namespaces of the Query services (they appear on every response and error envelope). */
export const QUERY_NAMESPACES = {
  ec2: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
} as const;

/** The awsQuery envelope STS and IAM share: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`. */
export function queryResponse(service: 'sts' | 'iam', action: string, result: string, requestId: string): string {
  return (
    XML_DECLARATION +
    `<${action}Response xmlns="${QUERY_NAMESPACES[service]}">` +
    el(`${action}Result`, result) +
    el('ResponseMetadata', leaf('RequestId', requestId)) +
    `</${action}Response>`
  );
}
