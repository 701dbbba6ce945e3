// How Porthole names an ECS task to people: by the end of its id. The single source for the tree's
// task rows, tab titles, diagnostics, the palette and forward paths, so one task reads the same everywhere.

/** Characters of a task id people tell tasks apart by: enough to be unique among a cluster's tasks in practice, short enough for a tab. */
export const SHORT_TASK_ID_CHARS = 8;

/** The task's id from its ARN (arn:aws:ecs:region:acct:task/CLUSTER/ID, or the older task/ID); a bare id is returned as is. */
export function taskIdOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

/** The end of the task's id that the UI shows (the start is often shared between tasks). */
export function shortTaskId(taskArn: string): string {
  return taskIdOf(taskArn).slice(-SHORT_TASK_ID_CHARS);
}
