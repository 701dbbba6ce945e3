// "Details" of a failed AWS call, folded by default: the operation, endpoint, HTTP status, request
// id, AWS's error code and the raw answer (main never puts credentials in it).
import type { ErrorDetails as Details } from '../../shared/contract/index.js';

const ROWS: ReadonlyArray<readonly [keyof Omit<Details, 'raw'>, string]> = [
  ['operation', 'Operation'],
  ['endpoint', 'Endpoint'],
  ['status', 'HTTP status'],
  ['code', 'Error code'],
  ['requestId', 'Request ID'],
];

export function ErrorDetails({ details }: { readonly details: Details | undefined }) {
  if (details === undefined) return null;
  const rows = ROWS.filter(([key]) => details[key] !== undefined);
  return (
    <details className="error-details" data-testid="error-details">
      <summary>Details</summary>
      <dl>
        {rows.map(([key, label]) => (
          <div key={key} className="error-details-row">
            <dt>{label}</dt>
            <dd data-detail={key}>{String(details[key])}</dd>
          </div>
        ))}
      </dl>
      {details.raw !== undefined && (
        <pre className="error-details-raw" data-detail="raw">
          {details.raw}
        </pre>
      )}
    </details>
  );
}
