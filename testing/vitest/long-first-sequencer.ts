// The order vitest starts test files in. On a clean clone (CI) vitest has no timings cached, so it
// starts files in glob order and a long integration file found late (the forwards stress test
// started 14 minutes into one run and ran 5 more alone) becomes the run's tail. Files known to be
// long start first, longest kinds first, so they overlap the many short ones; within a kind, and
// with timings cached, vitest's own order (longest first) stands.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Long by construction, longest kinds first: stress tests, AWS CLI runs through the drop-in,
 * other integration tests against the sandbox over real sockets, the sandbox API driven by the
 * AWS CLI and boto3, fuzz and memory tests. Names, not timings, so the order holds with no cache.
 */
const LONG_KINDS: readonly RegExp[] = [
  /\.stress\.sandbox\.test\.ts$|\.stress\.test\.ts$/,
  /\/cli\/plugin\/[^/]+\.sandbox\.test\.ts$/,
  /\.sandbox\.test\.ts$/,
  /\/sandbox\/api\/(aws-cli|boto3)\.test\.ts$/,
  /\.(fuzz|memory)\.test\.ts$/,
];

/** Where a test file starts: the index of its long kind, or after all of them. */
export function startRank(moduleId: string): number {
  const path = moduleId.replaceAll('\\', '/');
  const kind = LONG_KINDS.findIndex((k) => k.test(path));
  return kind === -1 ? LONG_KINDS.length : kind;
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: vitest's order stands within a rank.
    return sorted.map((spec) => ({ spec, rank: startRank(spec.moduleId) })).sort((a, b) => a.rank - b.rank).map(({ spec }) => spec);
  }
}
