// `porthole cp` operands: a local path, `i-0123…:/path` (an instance or managed node), or
// `ecs:CLUSTER/TASK[/CONTAINER]:/path`. The remote path is whatever follows the first colon
// after the target, so remote paths may hold colons; a local path never starts like a target.
import { CliError } from '../io.js';

export type CpOperand =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'instance'; readonly instanceId: string; readonly path: string }
  | { readonly kind: 'ecs'; readonly cluster: string; readonly task: string; readonly container: string | undefined; readonly path: string };

const INSTANCE = /^((?:i|mi)-[0-9a-f]{8,17}):(.*)$/s;
/** Starts like an instance operand (`i-…:` or `mi-…:`): one that fails INSTANCE is a typo, not a local file. */
const LOOKS_LIKE_INSTANCE = /^((?:i|mi)-[^/:]*):/;
const ECS = /^ecs:([^/:]+)\/([^/:]+)(?:\/([^/:]+))?:(.*)$/s;

export function parseOperand(text: string): CpOperand {
  const instance = INSTANCE.exec(text);
  if (instance) return { kind: 'instance', instanceId: instance[1] ?? '', path: remotePath(instance[2] ?? '', text) };
  const typo = LOOKS_LIKE_INSTANCE.exec(text);
  if (typo) throw new CliError(`${JSON.stringify(text)}: ${typo[1] ?? ''} is not an instance or managed node id (i-… or mi-… with 8 to 17 hex digits); for a local file of that name write ./${text}`);
  if (text.startsWith('ecs:')) {
    const ecs = ECS.exec(text);
    if (!ecs) throw new CliError(`${JSON.stringify(text)} is not ecs:CLUSTER/TASK[/CONTAINER]:/path`);
    return { kind: 'ecs', cluster: ecs[1] ?? '', task: ecs[2] ?? '', container: ecs[3], path: remotePath(ecs[4] ?? '', text) };
  }
  if (text.length === 0) throw new CliError('an empty path');
  return { kind: 'local', path: text };
}

function remotePath(path: string, operand: string): string {
  if (path.length === 0) throw new CliError(`${JSON.stringify(operand)} names no remote path after the colon`);
  return path;
}
