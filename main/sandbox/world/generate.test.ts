import { describe, expect, it } from 'vitest';
import { generateWorld } from './generate.js';
import { parseWorld } from './load.js';
import { World } from './model.js';

describe('generated worlds', () => {
  it('are valid worlds with the requested shape and unique ids', () => {
    const file = generateWorld({ clusters: 7, tasksPerCluster: 300, instances: 60 });
    // The generator skips zod for speed; a small one must still pass the full validation.
    const w = new World(parseWorld(JSON.parse(JSON.stringify(file))));
    const region = w.region(w.defaultAccount, 'us-east-1');
    expect(region.clusters).toHaveLength(7);
    expect(region.clusters.every((c) => c.tasks.length === 300 && c.tasksById.size === 300)).toBe(true);
    expect(new Set(region.clusters.flatMap((c) => c.tasks.map((t) => t.spec.id))).size).toBe(2100);
    expect(region.instances).toHaveLength(60);
    expect(region.clusters[0]?.tasks.some((t) => !t.spec.enableExecuteCommand)).toBe(true);
  });

  it('are deterministic', () => {
    expect(generateWorld({ clusters: 2, tasksPerCluster: 10 })).toEqual(generateWorld({ clusters: 2, tasksPerCluster: 10 }));
  });
});
