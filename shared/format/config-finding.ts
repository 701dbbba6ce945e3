// One config finding as one sentence, the same in the tree's notice, the CLI and the tests:
// "~/.aws/config line 12: '[profile prod' has no closing ']'; profile prod is not listed. Write '[profile prod]'."
import type { ConfigFinding } from '../contract/inventory.js';

/** Where: "~/.aws/config line 12", or the file alone for a finding about the whole file. */
export function configFindingPlace(f: Pick<ConfigFinding, 'file' | 'line'>): string {
  return f.line === null ? f.file : `${f.file} line ${f.line}`;
}

/** What is wrong, what it means and how to fix it, after the place. */
export function configFindingBody(f: Pick<ConfigFinding, 'problem' | 'effect' | 'fix'>): string {
  return `${f.problem}; ${f.effect}. ${f.fix}`;
}

export function configFindingText(f: ConfigFinding): string {
  return `${configFindingPlace(f)}: ${configFindingBody(f)}`;
}
