/**
 * Large synthetic worlds for benchmarks (e.g. 100 clusters × 5,000 tasks). Deterministic for a
 * given option set so two runs describe the same world. Objects are built already in their parsed
 * form (schema defaults applied), skipping zod: validating half a million tasks would dominate
 * start-up and the generator's output is well-formed by construction.
 */
import type { ClusterSpec, InstanceSpec, TaskSpec, WorldFile } from './schema.js';

export interface GenerateOptions {
  clusters: number;
  tasksPerCluster: number;
  /** Services per cluster; tasks are spread over them round-robin. */
  servicesPerCluster?: number;
  instances?: number;
  region?: string;
  account?: string;
}

export const GENERATE_DEFAULTS = {
  /** A handful of services per cluster is typical and keeps ListServices to one page. */
  servicesPerCluster: 5,
  /** Enough instances to need several DescribeInstanceInformation pages (max 50 per page). */
  instances: 200,
  region: 'us-east-1',
  account: '210987654321',
  /** Every n-th task has exec disabled, so discovery meets a realistic mix. */
  execDisabledEvery: 50,
} as const;

const FAMILY = 'bench-app';

function taskId(cluster: number, task: number): string {
  return `${cluster.toString(16).padStart(8, '0')}${task.toString(16).padStart(8, '0')}`.padEnd(32, 'b');
}

function instanceId(n: number): string {
  return `i-${n.toString(16).padStart(17, '0')}`;
}

/** One container list shared by every generated task: identical, read-only, and half a million copies would cost memory. */
const SHARED_CONTAINERS: TaskSpec['containers'] = [{ name: 'app', agent: 'RUNNING', ports: [] }];

function makeTask(c: number, t: number, services: number): TaskSpec {
  return {
    id: taskId(c, t),
    service: `svc-${t % services}`,
    taskDefinition: `${FAMILY}:1`,
    lastStatus: 'RUNNING',
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    enableExecuteCommand: t % GENERATE_DEFAULTS.execDisabledEvery !== 0,
    containers: SHARED_CONTAINERS,
  };
}

function makeCluster(c: number, tasks: number, services: number): ClusterSpec {
  const list = new Array<TaskSpec>(tasks);
  for (let t = 0; t < tasks; t++) list[t] = makeTask(c, t, services);
  return {
    name: `bench-${String(c).padStart(3, '0')}`,
    execLogging: 'DEFAULT',
    services: Array.from({ length: services }, (_, s) => ({
      name: `svc-${s}`,
      taskDefinition: `${FAMILY}:1`,
      desiredCount: Math.ceil(tasks / services),
      launchType: 'FARGATE' as const,
      enableExecuteCommand: true,
    })),
    containerInstances: [],
    tasks: list,
  };
}

function makeInstance(n: number): InstanceSpec {
  return {
    id: instanceId(n + 1),
    name: `bench-host-${n}`,
    state: 'running',
    pingStatus: 'Online',
    platformType: 'Linux',
    platformName: 'Amazon Linux',
    platformVersion: '2023',
    computerName: `ip-10-2-${(n >> 8) & 255}-${n & 255}.ec2.internal`,
    agentVersion: '3.3.987.0',
    instanceType: 't3.micro',
    privateIpAddress: `10.2.${(n >> 8) & 255}.${n & 255}`,
    ports: [],
  };
}

export function generateWorld(opts: GenerateOptions): WorldFile {
  const services = Math.max(1, opts.servicesPerCluster ?? GENERATE_DEFAULTS.servicesPerCluster);
  return {
    accounts: [
      {
        id: opts.account ?? GENERATE_DEFAULTS.account,
        userName: 'porthole-bench',
        accessKeyIds: [],
        roles: [],
        mfaDevices: [],
        regions: [
          {
            name: opts.region ?? GENERATE_DEFAULTS.region,
            kmsKeys: [],
            sessionPreferences: {},
            taskDefinitions: [
              {
                family: FAMILY,
                revision: 1,
                cpu: '256',
                memory: '512',
                networkMode: 'awsvpc',
                requiresCompatibilities: ['FARGATE'],
                containers: [
                  {
                    name: 'app',
                    image: 'public.ecr.aws/docker/library/alpine:latest',
                    cpu: 0,
                    essential: true,
                    readonlyRootFilesystem: false,
                    initProcessEnabled: true,
                    containerPorts: [],
                    environment: [],
                  },
                ],
              },
            ],
            clusters: Array.from({ length: opts.clusters }, (_, c) => makeCluster(c, opts.tasksPerCluster, services)),
            instances: Array.from({ length: opts.instances ?? GENERATE_DEFAULTS.instances }, (_, n) => makeInstance(n)),
          },
        ],
      },
    ],
    remoteHosts: [],
  };
}
