// A forward to a target that cannot take a session now (exec disabled, agent down, SSM lost) is
// refused in the form's own words (shared/target-readiness.ts): a window whose tree is older than
// main's may still send one. A target main has not loaded is tried. The loaded node may be stale
// (an agent that came back since the listing), so before refusing, the target is described anew
// (describeTargetNow, which also updates the tree) and refused only if it is still not ready. That
// call is bounded (TARGET_RECHECK_TIMEOUT_MS): the form waits on it. It never prompts: it runs with
// the profile's quiet credentials (withoutPrompts), so no MFA prompt, sign-in or credential_process
// is left open behind a refusal. When it fails, the listed verdict stands; when it does not answer
// in time, or its credentials would need the person first, the refusal says the check got no answer
// and why.
import type { TargetRef } from '../../../shared/contract/index.js';
import { recheckNeedsSignInText, recheckTimedOutText } from '../../../shared/messages/forwards.js';
import { forwardRefusedText, sessionRefusal, type SessionRefusal } from '../../../shared/target-readiness.js';
import type { AwsService } from '../../aws/aws-service.js';
import { loadedTargetNode } from '../../aws/inventory/target-node.js';
import { CredentialsWaitForUser, withoutPrompts } from '../../aws/quiet-credentials.js';
import { ForwardError } from '../../sessions/forwards/index.js';

/**
 * How long Start (and Restart, a saved forward's Start, an edit onto another target) waits for AWS
 * to describe a target the tree last saw not ready. One DescribeTasks or DescribeInstanceInformation
 * answers in well under a second; the SDK's retries on a lossy network can take far longer, and the
 * person is looking at a busy form meanwhile. 10 s leaves a slow region and a retry room.
 */
export const TARGET_RECHECK_TIMEOUT_MS = 10_000;

type RecheckAws = Pick<AwsService, 'inventory' | 'describeTargetNow'>;

/** What the tree says against `target` now, named as the form names it; null when nothing does (or it is not loaded). */
function refusalNow(aws: RecheckAws, target: TargetRef): { name: string; refusal: SessionRefusal } | null {
  const node = loadedTargetNode(aws.inventory, target);
  const refusal = node === undefined ? null : sessionRefusal(node);
  if (node === undefined || refusal === null) return null;
  return { name: node.kind === 'instance' ? (node.name ?? node.instanceId) : node.kind === 'container' ? node.name : node.label, refusal };
}

/** How the re-describe ended: it settled, it did not within the bound, or its credentials would need the person. */
type RecheckOutcome = 'answered' | 'timed-out' | 'needs-sign-in';

/** The re-describe, never prompting: 'timed-out' after `timeoutMs` (aborting it). */
async function describeWithin(aws: RecheckAws, target: TargetRef, timeoutMs: number): Promise<RecheckOutcome> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('timed-out');
    }, timeoutMs);
  });
  const described = withoutPrompts(() => aws.describeTargetNow(target, abort.signal)).then(
    () => 'answered' as const,
    (error: unknown) => (error instanceof CredentialsWaitForUser ? ('needs-sign-in' as const) : ('answered' as const)),
  );
  try {
    return await Promise.race([described, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws ForwardError 'target-not-ready' when `target` cannot take a session now (see the file's header). */
export async function refuseNotReady(aws: RecheckAws, target: TargetRef, timeoutMs: number = TARGET_RECHECK_TIMEOUT_MS): Promise<void> {
  if (refusalNow(aws, target) === null) return;
  const outcome = await describeWithin(aws, target, timeoutMs);
  const still = refusalNow(aws, target);
  if (still === null) return;
  const words = forwardRefusedText(still.name, still.refusal);
  const message = outcome === 'timed-out' ? `${words} ${recheckTimedOutText(timeoutMs)}` : outcome === 'needs-sign-in' ? `${words} ${recheckNeedsSignInText(target.profile)}` : words;
  throw new ForwardError('target-not-ready', message, still.refusal.nextStep);
}
