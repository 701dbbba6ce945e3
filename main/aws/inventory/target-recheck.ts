// A session target described anew outside a listing (a forward about to be refused on what the
// tree last saw: an agent may have come back since) applied to the loaded tree: the instance's
// row, or the task's and its containers' rows, replaced in place and the windows told.
import type { InstanceInfo, TaskInfo } from '../discovery/types.js';
import { nodeId } from './node-ids.js';
import { instanceNode } from './nodes.js';
import { replaceNode, replaceTaskRows, type TaskStateHost } from './task-state-apply.js';

export type DescribedTarget = { readonly instance: InstanceInfo } | { readonly task: TaskInfo };

export function applyDescribedTarget(host: TaskStateHost, profile: string, region: string, described: DescribedTarget): void {
  const loader = host.loader(`${profile}|${region}`);
  if (loader === undefined) return;
  if ('instance' in described) {
    loader.replaceInstance(described.instance);
    replaceNode(host, nodeId.region(profile, region), instanceNode(profile, region, described.instance));
    return;
  }
  const task = described.task;
  if (loader.findTask(task.arn) === undefined) return;
  loader.replaceTask(task);
  replaceTaskRows(host, profile, region, task);
}
