// Where a host keeps settings and saved state. PORTHOLE_DATA_DIR wins (tests, portable installs).
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function resolveDataDir(env: NodeJS.ProcessEnv, platformDefault?: string): string {
  const dir = env['PORTHOLE_DATA_DIR'] ?? platformDefault ?? join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'porthole');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
