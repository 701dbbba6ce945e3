/**
 * Reading a world file: JSON → zod schema → cross-reference checks (task definitions, container
 * names, services), each problem reported with its path so a hand-edited world is easy to fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorldFile } from './schema.js';

export class WorldError extends Error {
  override readonly name = 'WorldError';
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid sandbox world (${source}):\n  ${issues.join('\n  ')}`);
  }
}

/** Validates parsed JSON as a world; throws WorldError listing every problem found. */
export function parseWorld(input: unknown, source = 'world'): WorldFile {
  const parsed = WorldFile.safeParse(input);
  if (!parsed.success) {
    throw new WorldError(
      source,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  const issues = crossReferenceIssues(parsed.data);
  if (issues.length) throw new WorldError(source, issues);
  return parsed.data;
}

function crossReferenceIssues(world: WorldFile): string[] {
  const issues: string[] = [];
  world.accounts.forEach((account, ai) => {
    issues.push(...duplicates(account.roles.map((r) => r.name), `accounts.${ai}.roles`, 'role'));
    issues.push(...duplicates(account.mfaDevices.map((d) => d.name), `accounts.${ai}.mfaDevices`, 'MFA device'));
    account.regions.forEach((region, ri) => {
      const at = `accounts.${ai}.regions.${ri}`;
      const defs = new Map(region.taskDefinitions.map((d) => [`${d.family}:${d.revision}`, d]));
      const clusterNames = new Set<string>();
      region.clusters.forEach((cluster, ci) => {
        const cat = `${at}.clusters.${ci}`;
        if (clusterNames.has(cluster.name)) issues.push(`${cat}.name: duplicate cluster "${cluster.name}"`);
        clusterNames.add(cluster.name);
        cluster.services.forEach((s, si) => {
          if (!defs.has(s.taskDefinition)) issues.push(`${cat}.services.${si}.taskDefinition: unknown "${s.taskDefinition}"`);
        });
        const services = new Set(cluster.services.map((s) => s.name));
        const hosts = new Set<string>();
        cluster.containerInstances.forEach((ci, ii) => {
          if (hosts.has(ci.id)) issues.push(`${cat}.containerInstances.${ii}.id: duplicate container instance ${ci.id}`);
          hosts.add(ci.id);
        });
        const ids = new Set<string>();
        cluster.tasks.forEach((task, ti) => {
          const tat = `${cat}.tasks.${ti}`;
          if (ids.has(task.id)) issues.push(`${tat}.id: duplicate task id ${task.id}`);
          ids.add(task.id);
          if (task.service && !services.has(task.service)) issues.push(`${tat}.service: unknown service "${task.service}"`);
          if (task.containerInstance !== undefined) {
            if (!hosts.has(task.containerInstance)) issues.push(`${tat}.containerInstance: unknown container instance "${task.containerInstance}"`);
            if (task.launchType === 'FARGATE') issues.push(`${tat}.containerInstance: Fargate tasks run on no container instance`);
          }
          const def = defs.get(task.taskDefinition);
          if (!def) {
            issues.push(`${tat}.taskDefinition: unknown "${task.taskDefinition}"`);
            return;
          }
          const names = new Set(def.containers.map((c) => c.name));
          task.containers.forEach((c, k) => {
            if (!names.has(c.name)) issues.push(`${tat}.containers.${k}.name: "${c.name}" is not in ${task.taskDefinition}`);
          });
        });
      });
      const instanceIds = new Set<string>();
      region.instances.forEach((inst, ii) => {
        if (instanceIds.has(inst.id)) issues.push(`${at}.instances.${ii}.id: duplicate instance ${inst.id}`);
        instanceIds.add(inst.id);
      });
    });
  });
  return issues;
}

function duplicates(names: readonly string[], at: string, what: string): string[] {
  return names.flatMap((n, i) => (names.indexOf(n) < i ? [`${at}.${i}.name: duplicate ${what} "${n}"`] : []));
}

/** Reads and validates a world JSON file. */
export function loadWorldFile(file: string): WorldFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WorldError(file, [`cannot read file: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new WorldError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseWorld(json, file);
}

/**
 * The demo world ships as JSON beside this module's source; tsc does not copy it to dist, so
 * walk up to the repo root (package.json) and read it from main/sandbox/world/.
 */
export function demoWorldPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'main', 'sandbox', 'world', 'demo-world.json');
    const parent = path.dirname(dir);
    if (parent === dir) throw new WorldError('demo-world.json', ['cannot locate the repository root from ' + import.meta.url]);
    dir = parent;
  }
}

export function loadDemoWorld(): WorldFile {
  return loadWorldFile(demoWorldPath());
}
