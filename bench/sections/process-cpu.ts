// CPU time of this process and of a child (the standalone sandbox), so a bench can report CPU
// seconds per MB for each side of a path that spans two processes.
import { readFileSync } from 'node:fs';

/**
 * Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. It is 100 on every
 * architecture Linux ships (the kernel fixes it for user space whatever its own HZ).
 */
const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU seconds this process has used so far. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * User + system CPU seconds another process has used so far (Linux /proc), or NaN where /proc
 * is not available, so a report prints "n/a" instead of a wrong figure.
 */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may contain spaces): state is
    // field 3, utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds used by each side while `work` runs. */
export async function measureCpu<T>(sandboxPid: number, work: () => Promise<T>): Promise<{ result: T; client: number; sandbox: number }> {
  const client0 = ownCpuSeconds();
  const sandbox0 = processCpuSeconds(sandboxPid);
  const result = await work();
  return { result, client: ownCpuSeconds() - client0, sandbox: processCpuSeconds(sandboxPid) - sandbox0 };
}
