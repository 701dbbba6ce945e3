// Issue 16 §1, the drop-in: `session-manager-plugin` (Porthole's, a symlink to bin/porthole.js)
// from process start to its first output byte and to the end of a one-shot command, against an
// empty `node -e ''` in the same run; and the whole `aws ecs execute-command … --command 'echo …'`
// through the AWS CLI against the same CLI answering a call without any plugin.
import { join } from 'node:path';
import { CliHarness, CLI_TEST } from '../../testing/cli/cli-harness.js';
import type { BenchRow } from '../report.js';
import { timeProcess } from './startup-process.js';
import { median } from './stats.js';

export const DROPIN_BENCH = {
  /** Issue 16 §1: the drop-in adds at most this over a bare Node start. */
  OVER_NODE_TARGET_MS: 300,
  /** A demo-world container (main/sandbox/world/demo-world.json). */
  ECS: ['--cluster', 'demo-web', '--task', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', '--container', 'app'],
} as const;

export async function benchDropIn(runs: number, nodeEmptyMs: number): Promise<{ rows: BenchRow[]; detail: string }> {
  const h = await CliHarness.start({ pacing: 'unpaced' });
  try {
    const plugin = join(h.binDir, 'session-manager-plugin');
    const firstByte: number[] = [];
    const oneShot: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Straight from the process start: the same 7 arguments the AWS CLI passes.
      const s = h.addSession({ type: 'NonInteractiveCommands', command: `echo porthole-bench-${i}`, separateOutputStream: false });
      firstByte.push((await timeProcess(plugin, s.args, { env: h.env(), until: /[\s\S]/ })).ms);
      const again = h.addSession({ type: 'NonInteractiveCommands', command: `echo porthole-bench-${i}`, separateOutputStream: false });
      const done = await timeProcess(plugin, again.args, { env: h.env(), until: null });
      if (!done.output.includes(`porthole-bench-${i}`)) throw new Error(`the one-shot command's output is missing:\n${done.output}`);
      oneShot.push(done.ms);
    }
    const aws = CLI_TEST.AWS_V1;
    const viaCli: number[] = [];
    const cliAlone: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await timeProcess(aws, h.awsArgs(['ecs', 'execute-command', ...DROPIN_BENCH.ECS, '--interactive', '--command', `echo porthole-cli-${i}`]), { env: h.env(), until: null });
      if (!r.output.includes(`porthole-cli-${i}`)) throw new Error(`aws ecs execute-command printed no command output:\n${r.output}`);
      viaCli.push(r.ms);
      cliAlone.push((await timeProcess(aws, h.awsArgs(['ecs', 'list-clusters']), { env: h.env(), until: null })).ms);
    }
    const fb = median(firstByte);
    const os = median(oneShot);
    const base = { value: nodeEmptyMs / 1000, label: "node -e ''" };
    const over = (ms: number): string => `${(ms - nodeEmptyMs).toFixed(0)} ms over`;
    const rows: BenchRow[] = [
      { figure: 'drop-in: process start → first output byte', value: fb / 1000, unit: 's', baseline: base, target: { text: `≤ 0.3 s over node -e '' (${over(fb)})`, met: fb - nodeEmptyMs <= DROPIN_BENCH.OVER_NODE_TARGET_MS } },
      { figure: "drop-in: one-shot command (echo) start → exit", value: os / 1000, unit: 's', baseline: base, target: { text: `≤ 0.3 s over node -e '' (${over(os)})`, met: os - nodeEmptyMs <= DROPIN_BENCH.OVER_NODE_TARGET_MS } },
      { figure: "`aws ecs execute-command … --command 'echo …'` through the drop-in", value: median(viaCli) / 1000, unit: 's', baseline: { value: median(cliAlone) / 1000, label: 'the same AWS CLI: ecs list-clusters, no plugin' } },
    ];
    const detail = [
      `Drop-in (sandbox, unpaced, medians of ${runs}): the plugin started as the AWS CLI starts it (7 arguments, a NonInteractiveCommands session running \`echo\`). First output byte ${fb.toFixed(0)} ms (all: ${firstByte.map((v) => v.toFixed(0)).join(', ')}); one-shot to exit ${os.toFixed(0)} ms (all: ${oneShot.map((v) => v.toFixed(0)).join(', ')}); node -e '' ${nodeEmptyMs.toFixed(0)} ms.`,
      `Through AWS CLI v1 (\`${aws}\`, Python): execute-command ${viaCli.map((v) => v.toFixed(0)).join(', ')} ms; list-clusters (no plugin) ${cliAlone.map((v) => v.toFixed(0)).join(', ')} ms.`,
    ].join('\n');
    return { rows, detail };
  } finally {
    await h.stop();
  }
}
