/** ECS ExecuteCommand: an InteractiveCommands session on a container (spec §10). */
import { SESSION_LIMITS } from '../../session-limits.js';
import { lastSegment, arn } from '../../world/arns.js';
import { ApiError, invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { registerSession, SESSION_IDS, newSessionId } from '../sessions.js';
import {
  containerBlocker,
  containerTarget,
  EXEC_INTERNAL_ERROR_MESSAGE,
  EXEC_NOT_ENABLED_MESSAGE,
} from '../target-resolve.js';
import { requireCluster } from './clusters.js';

export const executeCommand: Handler = async (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const taskRef = p.string('task');
  const command = p.string('command');
  const interactive = p.optBool('interactive');
  if (interactive !== true) throw invalidParameter('ecs', 'Interactive is the only mode supported currently.');
  const task = cluster.tasksById.get(lastSegment(taskRef));
  if (!task) throw invalidParameter('ecs', 'The specified task could not be found.');
  const containerName = p.optString('container');
  if (!containerName && task.containers.length > 1) {
    throw invalidParameter('ecs', 'The task has more than one container. A container name must be specified.');
  }
  const container = containerName ? task.containers.find((c) => c.name === containerName) : task.containers[0];
  if (!container) throw invalidParameter('ecs', `The container ${containerName ?? ''} does not exist in the task.`);

  const blocker = containerBlocker(task, container, ctx);
  if (blocker === 'disabled') throw invalidParameter('ecs', EXEC_NOT_ENABLED_MESSAGE);
  if (blocker === 'unreachable') throw new ApiError('TargetNotConnectedException', EXEC_INTERNAL_ERROR_MESSAGE);

  const target = containerTarget(ctx, task, container);
  const session = registerSession(ctx, {
    sessionId: newSessionId(SESSION_IDS.ecsPrefix),
    target: target.info.key,
    documentName: 'AmazonECS-ExecuteInteractiveCommand',
    kind: { type: 'InteractiveCommands', command },
    workdir: await ctx.deps.targets.workdir(target.info),
    targetName: target.info.label,
    agentVersion: target.agentVersion,
    // ECS Exec's own idle timeout, not the region's Session Manager preference (session-limits.ts).
    idleSessionMinutes: SESSION_LIMITS.ECS_EXEC_IDLE_MINUTES,
    ...(target.kmsKeyArn ? { kmsKeyId: target.kmsKeyArn } : {}),
  });
  return {
    clusterArn: cluster.arn,
    containerArn: arn.container(ctx.region.scope, cluster.spec.name, task.spec.id, container.name),
    containerName: container.name,
    interactive: true,
    taskArn: task.arn,
    // ECS returns the session in lower camelCase (spec §10).
    session: session,
  };
};
