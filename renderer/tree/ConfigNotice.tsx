// Above the profiles: what is wrong in ~/.aws/config or ~/.aws/credentials that hides a profile
// or some of its settings, each finding in full (place, what is wrong, what it means, the fix).
// Not modal: the profiles that could be read stay usable below it. Open when it appears (or
// changes); its summary closes it, and keeps the count in view.
import type { ConfigFinding } from '../../shared/contract/index.js';
import { configFindingBody, configFindingPlace } from '../../shared/format/config-finding.js';
import { counted, listed } from '../../shared/format/words.js';

/** At most this many profiles are named in the one-line summary; the list below names them all. */
const SUMMARY_PROFILES_MAX = 3;

function summaryOf(findings: readonly ConfigFinding[]): string {
  const profiles = [...new Set(findings.flatMap((f) => (f.profile === null ? [] : [f.profile])))];
  if (profiles.length === 0) return 'Some settings are ignored.';
  const named = profiles.length > SUMMARY_PROFILES_MAX ? [...profiles.slice(0, SUMMARY_PROFILES_MAX), counted(profiles.length - SUMMARY_PROFILES_MAX, 'more')] : profiles;
  return `Affects ${profiles.length === 1 ? 'profile' : 'profiles'} ${listed(named)}.`;
}

export function ConfigNotice({ findings }: { findings: readonly ConfigFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <section className="config-notice" role="status" aria-label="Problems in the AWS config files" data-testid="config-notice">
      <details className="tree-banner config-notice-box" open>
        <summary>
          <strong>
            <span aria-hidden="true">⚠ </span>
            {counted(findings.length, 'problem')} in your AWS config files.
          </strong>{' '}
          {summaryOf(findings)}
        </summary>
        {/* Focusable: when the findings scroll, the arrow keys scroll them. */}
        <ul className="config-findings" tabIndex={0} aria-label="AWS config problems">
          {findings.map((f, i) => (
            <li key={i} data-testid="config-finding">
              <span className="config-finding-place">{configFindingPlace(f)}</span>: {configFindingBody(f)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
