// `porthole sandbox [options]`: runs exactly what `npm run sandbox` runs (main/sandbox/standalone),
// which starts on import and reads its options from process.argv. So the subcommand word is
// removed from argv first, leaving `[node, script, ...options]` as standalone expects.

export async function sandboxCommand(args: readonly string[]): Promise<number> {
  process.argv = [process.argv[0] ?? 'node', process.argv[1] ?? 'porthole', ...args];
  await import('../../sandbox/standalone.js');
  // standalone serves until Ctrl-C / SIGTERM and then exits the process itself.
  return new Promise<number>(() => undefined);
}
