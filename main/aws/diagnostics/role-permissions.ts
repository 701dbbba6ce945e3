/** The task role's ssmmessages permissions, read with IAM's policy simulator (research/peers.md §5.1 #14). */
import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { SSM_MESSAGES_ACTIONS } from '../constants.js';
import type { ProfileSession } from '../profile-session.js';
import type { RolePermissionFacts } from './types.js';

/** Which of the four actions the simulator does not allow (conditions in policies are not evaluated). */
export async function simulateRole(session: ProfileSession, region: string, roleArn: string): Promise<RolePermissionFacts> {
  const out = await session.iam(region).send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: [...SSM_MESSAGES_ACTIONS] }));
  const allowed = new Set((out.EvaluationResults ?? []).filter((r) => r.EvalDecision === 'allowed').map((r) => r.EvalActionName));
  return { roleArn, denied: SSM_MESSAGES_ACTIONS.filter((a) => !allowed.has(a)) };
}
