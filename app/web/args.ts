// The web host's command line: `--port N` (or PORTHOLE_PORT=N; 0 or neither: a free port) and
// `--help`. Anything else is refused with the usage, so a typo never starts a host the person did
// not ask for (on a port they did not choose).
import { parseArgs } from 'node:util';

export const WEB_USAGE = 'usage: npm run web -- [--port N]   (node dist/app/web/main.js [--port N]; or PORTHOLE_PORT=N; without either, a free port)';

export type WebArgs = { readonly help: true } | { readonly help: false; readonly port: number };

/** A command line the host cannot run with: said in one line, with the usage after it. */
export class WebArgsError extends Error {
  override readonly name = 'WebArgsError';
}

function portOf(raw: string, from: string): number {
  const port = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new WebArgsError(`${from} must be a port number from 0 to 65535 (0: a free port), got ${JSON.stringify(raw)}`);
  return port;
}

/** `extra` names value options a host adds (the test host's --pacing): accepted here, read by that host. */
export function parseWebArgs(args: readonly string[], env: NodeJS.ProcessEnv, extra: readonly string[] = []): WebArgs {
  let parsed;
  try {
    const options: Record<string, { type: 'string' | 'boolean' }> = { port: { type: 'string' }, help: { type: 'boolean' } };
    for (const name of extra) options[name] = { type: 'string' };
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const option = /'(--?[^' ]+)/.exec(err instanceof Error ? err.message : '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new WebArgsError(`unknown option ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new WebArgsError(`${option} needs a value`);
    throw new WebArgsError(err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err));
  }
  if (parsed.values.help === true) return { help: true };
  const [stray] = parsed.positionals;
  if (stray !== undefined) throw new WebArgsError(`unexpected argument ${JSON.stringify(stray)}`);
  const flag = parsed.values.port;
  if (typeof flag === 'string') return { help: false, port: portOf(flag, '--port') };
  const fromEnv = env['PORTHOLE_PORT'];
  return { help: false, port: fromEnv === undefined ? 0 : portOf(fromEnv, 'PORTHOLE_PORT') };
}

/** A listen failure in words: the port in use is the one people meet (a second host, a stale one). */
export function listenFailureText(err: unknown, port: number): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return `port ${port} on 127.0.0.1 is already in use (another Porthole web host?). Stop that one, pick another port with --port N, or leave --port out for a free one.`;
  if (code === 'EACCES') return `port ${port} on 127.0.0.1 needs privileges this user does not have; pick a port above 1023 with --port N.`;
  return err instanceof Error ? err.message : String(err);
}
