// A transfer's own session: a shell started like a tab's (ECS Exec runs /bin/sh; an instance gets
// its default shell document) but never shown, sized wide so the shell never wraps our lines.
import type { ShellTarget } from '../../shared/contract/index.js';
import type { LaunchedShell, ShellLauncher } from '../sessions/shells/index.js';
import { ShellSession } from '../ssm/shell/shell-session.js';
import { TRANSFER } from './constants.js';
import type { TransferSession } from './remote-shell.js';

export function sessionFromLaunch(launched: LaunchedShell): ShellSession {
  return new ShellSession({
    credentials: launched.credentials,
    target: launched.target,
    size: { cols: TRANSFER.COLS, rows: TRANSFER.ROWS },
    ...(launched.resumeSession ? { resumeSession: launched.resumeSession } : {}),
    ...(launched.terminateSession ? { terminateSession: launched.terminateSession } : {}),
    ...(launched.dataKeys ? { dataKeys: launched.dataKeys } : {}),
  });
}

/**
 * Opens transfer sessions to `target` with the app's shell launcher; `waiting` is told while a
 * launch waits on the profile's credential_process (the words, then null), as a shell tab is.
 */
export function transferOpener(launch: ShellLauncher, target: ShellTarget, waiting?: (words: string | null) => void): () => Promise<TransferSession> {
  const t: ShellTarget = target.kind === 'ecs-container' ? { ...target, command: TRANSFER.ECS_COMMAND } : target;
  return async () => sessionFromLaunch(await launch(t, waiting));
}

/** "i-0123…" or "ecs:cluster/task/container" — how messages name a target. */
export function targetLabel(target: ShellTarget): string {
  if (target.kind === 'instance') return target.instanceId;
  const task = target.taskArn.split('/').pop() ?? target.taskArn;
  return `ecs:${target.cluster.split('/').pop() ?? target.cluster}/${task}/${target.containerName}`;
}
