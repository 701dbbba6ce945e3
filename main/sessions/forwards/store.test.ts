import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardStore, parseSpec } from './store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'porthole-store-'));
  dirs.push(d);
  return d;
};

describe('ForwardStore', () => {
  it('loads nothing before the first save, then round-trips forwards through JSON', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = new ForwardStore(dir);
    expect(await store.load()).toEqual([]);
    const forwards = [
      { id: 'a', spec: { target: { kind: 'instance' as const, instanceId: 'i-1' }, remotePort: 5432, remoteHost: 'db', localPort: 15432 } },
      { id: 'b', spec: { name: 'web', target: { kind: 'ecs' as const, cluster: 'c', taskId: 't', runtimeId: 'r' }, remotePort: 80 } },
    ];
    await store.save(forwards);
    expect(await new ForwardStore(dir).load()).toEqual(forwards);
    expect(JSON.parse(readFileSync(store.file, 'utf8')).version).toBe(1);
  });

  it('reports a corrupt file instead of silently dropping saved forwards', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'forwards.json'), '{"version":1,"forwards":[{"id":"x","spec":{"remotePort":"eighty"}}]}');
    await expect(new ForwardStore(dir).load()).rejects.toThrow();
  });

  it('validates specs: ports in range, a target required', () => {
    expect(() => parseSpec({ target: { kind: 'instance', instanceId: 'i-1' }, remotePort: 70_000 })).toThrow();
    expect(() => parseSpec({ remotePort: 80 })).toThrow();
    expect(parseSpec({ target: { kind: 'instance', instanceId: 'i-1' }, remotePort: 22, ssh: true })).toEqual({
      target: { kind: 'instance', instanceId: 'i-1' },
      remotePort: 22,
      ssh: true,
    });
  });
});
