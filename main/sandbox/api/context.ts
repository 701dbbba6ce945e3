/** What every handler can reach: the world, the session registry, KMS, issued credentials, targets and the caller. */
import type { SessionRegistry } from '../session-registry.js';
import type { TargetHub } from '../targets/target-hub.js';
import type { AccountSpec } from '../world/schema.js';
import type { RegionView, World } from '../world/model.js';
import type { TaskLaunchTimings } from '../world/task-launch.js';
import type { TaskStopTimings } from '../world/task-stop.js';
import type { ServiceSchedulingTimings } from './ecs/service-scheduler.js';
import type { StopTimers } from './ecs/task-stop-timers.js';
import type { ServiceName } from './errors.js';
import type { Caller } from './caller.js';
import type { KmsKeyStore } from './kms/key-store.js';
import type { IssuedCredentials } from './sts/issued-credentials.js';

export interface ApiDeps {
  readonly world: World;
  readonly registry: SessionRegistry;
  readonly kms: KmsKeyStore;
  readonly targets: TargetHub;
  /** `ws://127.0.0.1:PORT` of the shared HTTP server (known only once it listens). */
  readonly streamBase: () => string;
  /** How long a data-channel token stays valid after StartSession/ResumeSession. */
  readonly tokenLifetimeMs: number;
  /** Access key ids answered with ExpiredTokenException (expired-credentials tests). */
  readonly expiredAccessKeyIds: ReadonlySet<string>;
  /** Temporary credentials STS AssumeRole handed out. */
  readonly issued: IssuedCredentials;
  /** How long ECS StopTask's steps take; each StopTask reads it as it is then (Sandbox.taskStopping). */
  readonly taskStopping: TaskStopTimings;
  /** StopTask's steps still to come; the sandbox clears them when it closes. */
  readonly taskStopTimers: StopTimers;
  /** How soon the service scheduler acts (Sandbox.serviceScheduling), read as it is each time. */
  readonly serviceScheduling: ServiceSchedulingTimings;
  /** How long a task the scheduler starts takes to run (Sandbox.taskLaunching), read at each start. */
  readonly taskLaunching: TaskLaunchTimings;
  /** The service scheduler's steps still to come (replacements, steady-state events); cleared on close. */
  readonly schedulerTimers: StopTimers;
}

export interface RequestContext {
  readonly deps: ApiDeps;
  readonly service: ServiceName;
  readonly account: AccountSpec;
  readonly caller: Caller;
  readonly regionName: string;
  readonly region: RegionView;
  readonly accessKeyId: string | undefined;
  readonly requestId: string;
}
