/** Why an instance will not open (research/peers.md §5.3), as pure rules over what SSM and EC2 report. */
import { withArticle } from '../../../shared/format/words.js';
import { AWS_MINIMUMS } from '../constants.js';
import { identityCheck, lastErrorCheck } from './ecs-rules.js';
import { fail, ok, unreadable, warn, type Check, type InstanceFacts } from './types.js';
import { atLeast, compareVersions } from './version.js';

/** Agents at or below this version forward one TCP connection at a time (no smux; protocol §8.1). */
const MUX_AGENT_THRESHOLD = '3.0.196.0';
const ROLE_HINT = 'Attach an instance profile with AmazonSSMManagedInstanceCore, make sure the SSM agent is installed and running, and that the instance reaches the ssm, ssmmessages and ec2messages endpoints (VPC endpoints or NAT).';

export function instanceChecks(facts: InstanceFacts): Check[] {
  const out: Check[] = [...lastErrorCheck(facts), identityCheck(facts.identity)];
  const state = facts.ec2State;
  if (!state.ok) out.push(unreadable('instance-state', 'Instance state', state.error));
  else if (state.value !== null) {
    out.push(state.value === 'running'
      ? ok('instance-state', 'Instance state', 'The instance is running.')
      : fail('instance-state', 'Instance state', `The instance is ${state.value}.`, 'Start the instance, wait a minute for the SSM agent to check in, then refresh.'));
  }
  if (!facts.ssm.ok) return [...out, unreadable('ssm-registered', 'Known to Session Manager', facts.ssm.error)];
  const info = facts.ssm.value;
  if (!info) return [...out, fail('ssm-registered', 'Known to Session Manager', 'Session Manager does not know this instance: its SSM agent has never registered.', ROLE_HINT)];
  out.push(ok('ssm-registered', 'Known to Session Manager', `Registered as ${withArticle(`${info.platformName ?? info.platformType ?? 'managed'} node`)}.`));
  const ping = info.pingStatus;
  if (ping === 'Online') out.push(ok('ping-status', 'Agent connection', 'The SSM agent is Online.'));
  else if (ping === 'ConnectionLost') out.push(fail('ping-status', 'Agent connection', 'The SSM agent has lost contact with Session Manager (ConnectionLost).', `The instance may be stopped, rebooting or cut off from the SSM endpoints, or the agent stopped. ${ROLE_HINT}`));
  else out.push(fail('ping-status', 'Agent connection', `The SSM agent is ${ping ?? 'in an unknown state'}.`, ROLE_HINT));
  const v = info.agentVersion;
  if (!v) out.push(warn('agent-version', 'SSM agent version', 'The agent did not report its version.', 'Update the SSM agent.'));
  else if (!atLeast(v, AWS_MINIMUMS.SSM_AGENT_PORT)) out.push(warn('agent-version', 'SSM agent version', `SSM agent ${v} supports shells but not port forwarding (needs ${AWS_MINIMUMS.SSM_AGENT_PORT}).`, 'Update the SSM agent (AWS-UpdateSSMAgent).'));
  else if ((compareVersions(v, MUX_AGENT_THRESHOLD) ?? 1) <= 0) out.push(warn('agent-version', 'SSM agent version', `SSM agent ${v} forwards only one connection at a time (multiplexing needs newer than ${MUX_AGENT_THRESHOLD}).`, 'Update the SSM agent (AWS-UpdateSSMAgent) for browsers and other multi-connection clients.'));
  else out.push(ok('agent-version', 'SSM agent version', `SSM agent ${v}.`));
  return out;
}
