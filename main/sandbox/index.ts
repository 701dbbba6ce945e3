/**
 * `startSandbox()`: the local emulated AWS in one call. One HTTP server on 127.0.0.1 answers the
 * AWS APIs (ECS, SSM, KMS, EC2, STS, IAM) and, through the gateway, the data-channel websockets, so a
 * StreamUrl is `ws://127.0.0.1:PORT/v1/data-channel/<sid>?role=publish_subscribe`. It also writes
 * an AWS config + credentials pair (0600) with a `porthole-sandbox` profile pointing at the
 * endpoint and holding this run's random key: the API verifies every request's SigV4 signature,
 * refuses foreign Host headers and browser pages, and its admin routes need the same secret.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApiHandler, type ApiStats } from './api/server.js';
import type { ApiDeps } from './api/context.js';
import { exitContainer, type ContainerExitRequest } from './api/ecs/container-exit.js';
import { newSandboxCredentials, SandboxKeys, type SandboxCredentials } from './api/keys.js';
import { TaskStopTimers, type StopTimers } from './api/ecs/task-stop-timers.js';
import { KmsKeyStore } from './api/kms/key-store.js';
import { IssuedCredentials } from './api/sts/issued-credentials.js';
import { SSO_SANDBOX, SsoState } from './api/sso/sso-state.js';
import { ServiceThrottle, type ThrottleOptions } from './api/throttle.js';
import { ApiFaults } from './faults/api-faults.js';
import { FaultController } from './faults/controller.js';
import { attachGateway, type Gateway, type GatewayOptions, type PacingMode } from './gateway/index.js';
import { SessionLimits } from './session-limits.js';
import { SessionRegistry } from './session-registry.js';
import { probeConfinement, UNCONFINED, type Confinement } from './targets/confinement.js';
import { TargetHub } from './targets/target-hub.js';
import { loadDemoWorld, loadWorldFile } from './world/load.js';
import { World } from './world/model.js';
import { withSessionPreferences } from './world/preferences.js';
import { TASK_STOPPING, type TaskStopTimings } from './world/task-stop.js';
import { TASK_LAUNCHING, type TaskLaunchTimings } from './world/task-launch.js';
import { SERVICE_SCHEDULING, type ServiceSchedulingTimings } from './api/ecs/service-scheduler.js';
import type { SessionPreferencesSpec, WorldFile } from './world/schema.js';
import { writeFileAtomic } from '../storage/index.js';

export const SANDBOX = {
  /** Profile name written to the config/credentials files. */
  profile: 'porthole-sandbox',
  /** A second profile whose key the API answers with ExpiredTokenException. */
  expiredProfile: 'porthole-sandbox-expired',
  /** An IAM Identity Center profile: signs in with the OIDC device flow against the sandbox. */
  ssoProfile: 'porthole-sandbox-sso',
  /** The access key of the expired profile (it signs with the run's secret; the API answers ExpiredToken). */
  expiredAccessKeyId: 'ASIAPORTHOLEEXPIRED1',
  /** Data-channel tokens last this long, like real ones they are for opening the channel soon. */
  tokenLifetimeMs: 15 * 60 * 1000,
} as const;

export type Pacing = PacingMode;
export { newSandboxCredentials, type SandboxCredentials };

/** What the sandbox hands the message gateway: its registry, pacing, faults and KMS store. */
export interface GatewayDeps {
  readonly registry: SessionRegistry;
  readonly pacing: Pacing;
  readonly faults: FaultController;
  /** The agent decrypts the client's KMS data key with the same store the API's KMS uses. */
  readonly kms: KmsKeyStore;
  readonly confinement: Confinement;
}

/** Attaches a gateway to the shared server (for callers that build the gateway themselves). */
export type GatewayAttach = (server: Server, deps: GatewayDeps) => Gateway;

/** Gateway settings beyond what the sandbox wires itself (shell, not-ready delay, frame tap). */
export type SandboxGatewayOptions = Omit<GatewayOptions, 'registry' | 'pacing' | 'faults' | 'kms' | 'confinement'>;

export interface SandboxOptions {
  /** A parsed world, a path to a world JSON file, or nothing for the demo world. */
  world?: WorldFile | string;
  pacing?: Pacing;
  /** Fixed port for the API + gateway; 0 (default) picks a free one. */
  port?: number;
  /** Request-rate limit, each service on its own (as AWS); omitted = never throttle. */
  throttle?: ThrottleOptions;
  /** Extra access key ids (signing with the run's secret) answered with ExpiredTokenException (SANDBOX.expiredAccessKeyId always is). */
  expiredAccessKeyIds?: string[];
  tokenLifetimeMs?: number;
  /** Parent for the temp dir holding workdirs and the AWS files; default the OS temp dir. */
  dir?: string;
  /**
   * Confine target shells with bubblewrap where it works (default true; `PORTHOLE_SANDBOX_CONFINE=0`
   * also turns it off). Either way they start in the target's directory with a scrubbed environment.
   */
  confine?: boolean;
  /** This run's key; default a fresh random one (tests that serve one profile from two sandboxes share one). */
  credentials?: SandboxCredentials;
  /** Session Manager preferences for every region the world declares, over the world file's (`--max-session-duration`, `--idle-session-timeout`). */
  sessionPreferences?: SessionPreferencesSpec;
  /** Length of one preference minute in ms (default 60 000); tests shorten it to see the session limits act (session-limits.ts). */
  sessionMinuteMs?: number;
  /** How long ECS StopTask's steps take (default TASK_STOPPING); tests lengthen one to look at a task while it stops. */
  taskStopping?: Partial<TaskStopTimings>;
  /** Where StopTask's later steps wait (default real timeouts); a test holds them to take a step when it chooses. */
  taskStopTimers?: StopTimers;
  /** How soon ECS's service scheduler replaces a stopped task (default SERVICE_SCHEDULING); tests hold it off or make it immediate. */
  serviceScheduling?: Partial<ServiceSchedulingTimings>;
  /** How long a task the scheduler starts takes to reach RUNNING (default TASK_LAUNCHING). */
  taskLaunching?: Partial<TaskLaunchTimings>;
  /** Where the service scheduler's later steps wait (default real timeouts); a test holds them to take a step when it chooses. */
  schedulerTimers?: StopTimers;
  /** Gateway settings or an attach function; `null` runs the API alone (tests of the HTTP API). */
  gateway?: SandboxGatewayOptions | GatewayAttach | null;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` — the endpoint_url for every service. */
  readonly endpoint: string;
  readonly region: string;
  readonly world: World;
  readonly registry: SessionRegistry;
  readonly kms: KmsKeyStore;
  readonly faults: FaultController;
  /** Per-operation answers of a messy endpoint (also `POST /__sandbox/api-faults`). */
  readonly apiFaults: ApiFaults;
  /** The emulated IAM Identity Center (its OIDC clients, device codes and tokens). */
  readonly sso: SsoState;
  /** The message gateway serving the data channels (undefined when started with `gateway: null`). */
  readonly gateway: Gateway | undefined;
  readonly targets: TargetHub;
  /** How target shells run: confined with bubblewrap, or not (with the reason, to tell the person). */
  readonly confinement: Confinement;
  readonly stats: ApiStats;
  /** How long ECS StopTask's steps take; a test may change it between stops (each StopTask reads it then). */
  readonly taskStopping: TaskStopTimings;
  /** StopTask's steps still to come (its containers going down); stop() clears them. */
  readonly taskStopTimers: StopTimers;
  /**
   * A task's essential container exits by itself (also `POST /__sandbox/container-exit`): ECS stops
   * the task and a service replaces it. Throws, saying why, for a request it cannot act on.
   */
  exitContainer(request: ContainerExitRequest): void;
  /** How soon the service scheduler acts; a test may change it between stops. */
  readonly serviceScheduling: ServiceSchedulingTimings;
  /** How long a task the scheduler starts takes to run; a test may change it between starts. */
  readonly taskLaunching: TaskLaunchTimings;
  /** The service scheduler's steps still to come (a replacement, a steady-state event); stop() clears them. */
  readonly schedulerTimers: StopTimers;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** Environment pointing an SDK or CLI at those files, with HOME inside the sandbox so no real ~/.aws (SSO cache, config) is read. */
  readonly awsEnv: Readonly<Record<'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE' | 'HOME' | 'AWS_DATA_PATH', string>>;
  readonly profile: string;
  /** This run's random key (also in the credentials file); the secret opens the admin routes too. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  stop(): Promise<void>;
}

function resolveWorld(world: SandboxOptions['world']): WorldFile {
  if (world === undefined) return loadDemoWorld();
  return typeof world === 'string' ? loadWorldFile(world) : world;
}

/**
 * Endpoint rules for the AWS CLI's SSO clients (read through AWS_DATA_PATH): Debian's CLI v2.9
 * ignores endpoint_url, so `aws sso login` reaches the sandbox's OIDC and portal through these.
 */
async function writeCliEndpointRules(dir: string, endpoint: string): Promise<string> {
  const root = path.join(dir, 'botocore-data');
  const rules = JSON.stringify({
    version: '1.0',
    parameters: { Region: { builtIn: 'AWS::Region', required: false, documentation: 'The region.', type: 'String' } },
    rules: [{ conditions: [], endpoint: { url: endpoint, properties: {}, headers: {} }, type: 'endpoint' }],
  });
  for (const service of ['sso-oidc', 'sso']) await writeFileAtomic(path.join(root, service, '2019-06-10', 'endpoint-rule-set-1.json'), rules);
  return root;
}

/** The profile files, through the atomic writer (0600: the credentials file holds the run's secret, the config its SSO start URL). */
async function writeAwsFiles(dir: string, endpoint: string, region: string, accountId: string, creds: SandboxCredentials, ssoStartUrl: string): Promise<{ configFile: string; credentialsFile: string }> {
  const configFile = path.join(dir, 'aws-config');
  const credentialsFile = path.join(dir, 'aws-credentials');
  const profile = (name: string) => `[profile ${name}]\nregion = ${region}\nendpoint_url = ${endpoint}\noutput = json\n`;
  const sso =
    `[profile ${SANDBOX.ssoProfile}]\nsso_start_url = ${ssoStartUrl}\nsso_region = ${region}\nsso_account_id = ${accountId}\n` +
    `sso_role_name = ${SSO_SANDBOX.roleName}\nregion = ${region}\nendpoint_url = ${endpoint}\noutput = json\n`;
  await writeFileAtomic(configFile, `${profile(SANDBOX.profile)}\n${profile(SANDBOX.expiredProfile)}\n${sso}`);
  await writeFileAtomic(
    credentialsFile,
    `[${SANDBOX.profile}]\naws_access_key_id = ${creds.accessKeyId}\naws_secret_access_key = ${creds.secretAccessKey}\n\n` +
      `[${SANDBOX.expiredProfile}]\naws_access_key_id = ${SANDBOX.expiredAccessKeyId}\naws_secret_access_key = ${creds.secretAccessKey}\n`,
  );
  return { configFile, credentialsFile };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const world = new World(withSessionPreferences(resolveWorld(opts.world), opts.sessionPreferences));
  const registry = new SessionRegistry();
  const limits = new SessionLimits(registry, opts.sessionMinuteMs === undefined ? {} : { minuteMs: opts.sessionMinuteMs });
  const kms = new KmsKeyStore();
  const faults = new FaultController();
  const sso = new SsoState();
  const apiFaults = new ApiFaults();
  const targets = new TargetHub(opts.dir === undefined ? {} : { parent: opts.dir });
  let base = '';
  const credentials = opts.credentials ?? newSandboxCredentials();
  const issued = new IssuedCredentials();
  const expiredAccessKeyIds = new Set([SANDBOX.expiredAccessKeyId, ...(opts.expiredAccessKeyIds ?? [])]);
  const taskStopping: TaskStopTimings = { ...TASK_STOPPING, ...opts.taskStopping };
  const taskStopTimers = opts.taskStopTimers ?? new TaskStopTimers();
  const serviceScheduling: ServiceSchedulingTimings = { ...SERVICE_SCHEDULING, ...opts.serviceScheduling };
  const taskLaunching: TaskLaunchTimings = { ...TASK_LAUNCHING, ...opts.taskLaunching };
  const schedulerTimers = opts.schedulerTimers ?? new TaskStopTimers();
  const worldKeyIds = world.file.accounts.flatMap((a) => a.accessKeyIds);
  const keys = new SandboxKeys(credentials, [...expiredAccessKeyIds, ...worldKeyIds], issued);
  const deps: ApiDeps = {
    world,
    registry,
    kms,
    targets,
    streamBase: () => base,
    tokenLifetimeMs: opts.tokenLifetimeMs ?? SANDBOX.tokenLifetimeMs,
    expiredAccessKeyIds,
    issued,
    taskStopping,
    taskStopTimers,
    serviceScheduling,
    taskLaunching,
    schedulerTimers,
  };
  const { handler, stats } = createApiHandler({
    keys,
    deps,
    ...(opts.throttle ? { throttle: new ServiceThrottle(opts.throttle) } : {}),
    applyFaults: (spec) => faults.apply(spec),
    apiFaults,
    sso,
  });
  const server = createServer(handler);
  const confinement = opts.gateway === null ? UNCONFINED : await probeConfinement(opts.confine === undefined ? {} : { confine: opts.confine });
  const gatewayDeps: GatewayDeps = { registry, pacing: opts.pacing ?? 'faithful', faults, kms, confinement };
  const gateway =
    opts.gateway === null ? undefined : typeof opts.gateway === 'function' ? opts.gateway(server, gatewayDeps) : attachGateway(server, { ...opts.gateway, ...gatewayDeps });
  let port: number;
  try {
    port = await listen(server, opts.port ?? 0);
  } catch (err) {
    limits.dispose();
    taskStopTimers.clear();
    schedulerTimers.clear();
    await gateway?.close();
    await targets.close();
    throw err;
  }
  base = `ws://127.0.0.1:${port}`;
  const endpoint = `http://127.0.0.1:${port}`;
  const region = world.defaultRegion;
  const files = await writeAwsFiles(targets.root, endpoint, region, world.defaultAccount.id, credentials, sso.startUrl);
  const dataPath = await writeCliEndpointRules(targets.root, endpoint);
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    region,
    world,
    registry,
    kms,
    faults,
    apiFaults,
    sso,
    gateway,
    targets,
    confinement,
    stats,
    taskStopping,
    taskStopTimers,
    exitContainer: (request) => void exitContainer(deps, request),
    serviceScheduling,
    taskLaunching,
    schedulerTimers,
    ...files,
    awsEnv: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, HOME: targets.root, AWS_DATA_PATH: dataPath },
    profile: SANDBOX.profile,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    stop() {
      stopping ??= (async () => {
        limits.dispose();
        taskStopTimers.clear();
        schedulerTimers.clear();
        for (const s of registry.list()) registry.terminate(s.sessionId, 'The sandbox is shutting down.');
        await gateway?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await targets.close();
      })();
      return stopping;
    },
  };
}
