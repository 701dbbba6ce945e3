// `porthole cp [--profile P] [--region R] [-q] [--no-compress] SRC DST`: one side local, the
// other `i-0123…:/path` or `ecs:CLUSTER/TASK[/CONTAINER]:/path`. A progress line on a terminal,
// a summary at the end, exit status 0 only when both ends computed the same SHA-256.
import { AwsError } from '../../aws/errors.js';
import { AwsService } from '../../aws/aws-service.js';
import { shellLauncher } from '../../aws/launch/shell-launcher.js';
import { formatProgress, localSource, localTarget, targetLabel, Transfer, TransferError, transferOpener, TRANSFER, type TransferOutcome } from '../../transfer/index.js';
import { formatBytes, formatRate } from '../../../shared/format/bytes.js';
import { parseArgs } from '../args.js';
import { CliError, writeOut, type CliIo } from '../io.js';
import { parseOperand } from './cp-spec.js';
import { resolveTarget } from './cp-target.js';

export const CP_USAGE = 'usage: porthole cp [--profile P] [--region R] [-q] [--no-compress] SRC DST (one of them i-…:/path or ecs:CLUSTER/TASK[/CONTAINER]:/path)';

/** Exit statuses: scp's 1 for a failed transfer, 130 for an interrupted one (128 + SIGINT). */
const EXIT = { OK: 0, FAILED: 1, CANCELLED: 130 } as const;

export async function cpCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv.map((a) => (a === '-q' ? '--quiet' : a)), ['profile', 'region'], ['quiet', 'no-compress']);
  if (args.positional.length !== 2) throw new CliError(CP_USAGE);
  const [src, dst] = args.positional.map(parseOperand) as [ReturnType<typeof parseOperand>, ReturnType<typeof parseOperand>];
  if ((src.kind === 'local') === (dst.kind === 'local')) throw new CliError(`one side must be local and the other remote; ${CP_USAGE}`);
  const remote = src.kind === 'local' ? dst : src;
  if (remote.kind === 'local') throw new CliError(CP_USAGE);
  const quiet = args.flags.has('quiet');
  const profile = args.values.get('profile') ?? io.env['AWS_PROFILE'] ?? 'default';
  const aws = new AwsService({ env: io.env });
  try {
    // A missing local file is said before any profile, credential or target is looked up.
    const source = src.kind === 'local' ? await localSource(src.path) : undefined;
    // The profile's credential_process may wait on a sign-in (at the target's lookup or the session's launch): say so.
    const waiting = waitingWords(io);
    const target = await aws.helperWaiters.during(profile, waiting, () => resolveTarget(aws, profile, args.values.get('region') ?? io.env['AWS_REGION'], remote));
    const open = transferOpener(shellLauncher(aws, async () => TRANSFER.ECS_COMMAND), target, waiting);
    const label = targetLabel(target);
    const compress = !args.flags.has('no-compress');
    const transfer = source !== undefined
      ? new Transfer(open, { direction: 'upload', label, remotePath: remote.path, compress, source })
      : new Transfer(open, { direction: 'download', label, remotePath: remote.path, compress, target: (name, directory, nonce) => localTarget(dst.path, name, directory, nonce) });
    return await run(transfer, io, quiet);
  } catch (err) {
    if (err instanceof AwsError) throw new CliError(err.nextStep ? `${err.message} ${err.nextStep}` : err.message, EXIT.FAILED);
    if (err instanceof TransferError) throw new CliError(err.message, err.kind === 'cancelled' ? EXIT.CANCELLED : EXIT.FAILED);
    throw err;
  } finally {
    aws.close();
  }
}

/**
 * Told while the copy waits on the profile's credential_process (a browser sign-in, a key touch):
 * the app's words, once per wait, on stderr so stdout stays the copy's own output.
 */
function waitingWords(io: CliIo): (words: string | null) => void {
  let said: string | null = null;
  return (words) => {
    if (words !== null && words !== said) io.stderr.write(`porthole: ${words}\n`);
    said = words;
  };
}

async function run(transfer: Transfer, io: CliIo, quiet: boolean): Promise<number> {
  const tty = io.stdout.isTTY === true && !quiet;
  let shown = false;
  if (tty) {
    transfer.on('progress', (p) => {
      shown = true;
      io.stdout.write(`\r\x1b[K${formatProgress(p)}`);
    });
  }
  const interrupt = (): void => transfer.cancel();
  process.once('SIGINT', interrupt);
  try {
    const outcome = await transfer.done;
    if (shown) await writeOut(io.stdout, '\r\x1b[K');
    if (!quiet) await writeOut(io.stdout, `${summary(outcome)}\n`);
    return EXIT.OK;
  } finally {
    process.off('SIGINT', interrupt);
    if (shown) io.stdout.write('\r\x1b[K');
  }
}

function summary(o: TransferOutcome): string {
  const where = o.localPath === undefined ? `to ${o.remotePath}` : `${o.remotePath} to ${o.localPath}`;
  const how = `${formatBytes(o.bytes)} in ${o.seconds.toFixed(1)} s, ${formatRate(o.bytes / Math.max(o.seconds, 0.001))}${o.compressed ? ', gzip' : ''}`;
  return `${o.localPath === undefined ? 'Uploaded' : 'Downloaded'} ${o.directory ? 'folder ' : ''}${where} (${how}); SHA-256 ${o.sha256} on both ends`;
}
