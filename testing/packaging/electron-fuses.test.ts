// The Electron fuses the desktop package flips, read from electron-builder.yml by
// electron-builder's own config loader and validated by its own schema (so a misspelt key or a
// wrong type fails here, not silently at release time).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../ssm/conformance.js';

interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: { add(key: string, value: unknown): void }): Promise<void>;
}

async function loadConfig(): Promise<Record<string, unknown>> {
  // app-builder-lib is electron-builder's own library; its config module has no package export.
  const mod = (await import(join(repoRoot(), 'node_modules', 'app-builder-lib', 'out', 'util', 'config', 'config.js'))) as BuilderConfigModule;
  const config = await mod.getConfig(repoRoot(), join(repoRoot(), 'electron-builder.yml'), null);
  await mod.validateConfiguration(config, { add: () => undefined });
  return config;
}

describe('electron-builder.yml electronFuses', () => {
  it('passes electron-builder 26 schema validation and turns off every way in but the app itself', async () => {
    const config = await loadConfig();
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar needs the app in an asar archive.
    expect(config['asar']).toBe(true);
  });

  it('the schema check is real: a misspelt fuse is refused', async () => {
    const mod = (await import(join(repoRoot(), 'node_modules', 'app-builder-lib', 'out', 'util', 'config', 'config.js'))) as BuilderConfigModule;
    const config = await loadConfig();
    await expect(mod.validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, { add: () => undefined })).rejects.toThrow(/Invalid configuration object/);
  });
});
