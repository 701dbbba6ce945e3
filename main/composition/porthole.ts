// The composition root the hosts call: decides sandbox or real AWS, builds every service for a
// data directory on one router, and disposes all of it on shutdown.
//   const app = await startPorthole({ host: 'web', version, dataDir });
//   host.serve(app.router); … await app.close();
import { join } from 'node:path';
import type { HostKind } from '../../shared/contract/index.js';
import { AwsService, type AwsServiceOptions } from '../aws/aws-service.js';
import type { Env } from '../aws/profiles.js';
import {
  createAppService,
  createAuthService,
  createDiagnosticsService,
  createForwardsService,
  type HostEnv,
  createInspectorService,
  createInventoryService,
  Router,
  createSessionsService,
  createSettingsService,
  createTransfersService,
  SettingsStore,
} from '../ipc/index.js';
import { SANDBOX, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';
import { describeConfinement } from '../sandbox/targets/confinement.js';
import type { RestartSchedule } from '../sessions/forwards/index.js';
import { ShellManager, type ShellManagerOptions } from '../sessions/shells/index.js';
import type { BackoffSchedule } from '../ssm/connection/constants.js';
import { APP } from './constants.js';
import { checkEndedShellTask, ForwardsHub, InspectorHub, Notices, SessionOwners, TransfersHub, WaitingSessions } from '../hubs/index.js';
import { decideSandbox } from './sandbox-mode.js';
import { shellLauncher } from '../aws/launch/shell-launcher.js';
import { defaultRegions, profileEntry, shownRegions } from '../../shared/region-list.js';

export interface PortholeOptions {
  readonly host: HostKind;
  readonly version: string;
  readonly dataDir: string;
  readonly platform?: string;
  /** Where AWS_* and PORTHOLE_* settings are read (default process.env). */
  readonly env?: Env;
  readonly log?: (line: string) => void;
  /** Used only when the sandbox runs (tests pick pacing or a world). */
  readonly sandbox?: SandboxOptions;
  /** Overrides for tests and benches. */
  readonly shells?: Pick<ShellManagerOptions, 'batching' | 'flow' | 'reconnectBackoff' | 'recordDir'>;
  readonly forwards?: { readonly restartSchedule?: RestartSchedule; readonly reconnectBackoff?: BackoffSchedule };
  /** How long a session whose window went away waits to be adopted (default SESSION_HANDOVER.GRACE_MS). */
  readonly sessionGraceMs?: number;
  /** The tree's background poll of open nodes (the e2e host shortens its interval; default LIVE_TREE's). */
  readonly live?: AwsServiceOptions['live'];
  /** A router the host already serves (calls held until this start is done, Router.holdUntil); default a new one. */
  readonly router?: Router;
}

export interface PortholeApp {
  readonly router: Router;
  readonly hostEnv: HostEnv;
  /** The running sandbox, null against real AWS. */
  readonly sandbox: Sandbox | null;
  readonly aws: AwsService;
  readonly shells: ShellManager;
  readonly forwards: ForwardsHub;
  readonly settings: SettingsStore;
  readonly notices: Notices;
  /** Ends every session and forward, then stops the sandbox. Idempotent. */
  close(): Promise<void>;
}

async function maybeStartSandbox(env: Env, opts: SandboxOptions | undefined, log: (line: string) => void): Promise<Sandbox | null> {
  const decision = await decideSandbox(env);
  if (!decision.start) {
    log(`porthole: using your AWS configuration (${decision.why}).`);
    return null;
  }
  try {
    const sandbox = await startSandbox(opts);
    // The file paths (never the secret) let a person or a test use the sandbox's own profile.
    log(`porthole: sandbox running at ${sandbox.endpoint} (${decision.why}); its profile: AWS_CONFIG_FILE=${sandbox.configFile} AWS_SHARED_CREDENTIALS_FILE=${sandbox.credentialsFile}`);
    log(`porthole: ${describeConfinement(sandbox.confinement)}`);
    return sandbox;
  } catch (err) {
    log(`porthole: the sandbox failed to start (${err instanceof Error ? err.message : String(err)}); running without it.`);
    return null;
  }
}

function settle<T>(work: Promise<T>, ms: number): Promise<void> {
  return Promise.race([work.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, ms).unref())]);
}

export async function startPorthole(opts: PortholeOptions): Promise<PortholeApp> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.log(line));
  const sandbox = await maybeStartSandbox(env, opts.sandbox, log);
  // Against the sandbox, only its written profiles exist: nothing of the person's AWS setup leaks in.
  const awsEnv: Env = sandbox ? { HOME: env['HOME'], AWS_CONFIG_FILE: sandbox.configFile, AWS_SHARED_CREDENTIALS_FILE: sandbox.credentialsFile } : env;

  const router = opts.router ?? new Router();
  const hostEnv: HostEnv = {
    host: opts.host,
    version: opts.version,
    platform: opts.platform ?? process.platform,
    dataDir: opts.dataDir,
    sandbox: sandbox ? { endpoint: sandbox.endpoint, shellsConfined: sandbox.confinement.kind === 'bwrap' } : null,
  };
  const notices = new Notices(log, (n) => router.broadcast('app', 'notice', n));
  const settings = new SettingsStore(opts.dataDir, (message) => notices.add(message));
  const aws = new AwsService({
    env: awsEnv,
    prefetch: true,
    ...(opts.live ? { live: opts.live } : {}),
    regionsFor: async (profile, configured) => {
      const current = await settings.get();
      return shownRegions(defaultRegions(configured, profileEntry(current.openedRegions, profile)), profileEntry(current.regions, profile));
    },
    events: {
      progress: (e) => router.broadcast('inventory', 'progress', e),
      error: (e) => router.broadcast('inventory', 'error', e),
      changed: (e) => router.broadcast('inventory', 'changed', e),
      stale: (e) => router.broadcast('inventory', 'stale', e),
      mfaPrompt: (p) => router.broadcast('auth', 'mfaPrompt', p),
      ssoPrompt: (p) => router.broadcast('auth', 'ssoPrompt', p),
    },
  });
  // A changed region choice (or a newly opened region) reloads that profile's list of regions.
  settings.onChange((next, previous) => {
    for (const profile of new Set([...Object.keys(next.regions), ...Object.keys(previous.regions), ...Object.keys(next.openedRegions)])) {
      const same = JSON.stringify(profileEntry(next.regions, profile)) === JSON.stringify(profileEntry(previous.regions, profile)) && JSON.stringify(profileEntry(next.openedRegions, profile)) === JSON.stringify(profileEntry(previous.openedRegions, profile));
      if (!same) void aws.inventory.reloadRegions(profile);
    }
  });
  const noteOpened = (target: { profile: string; region: string }): void => {
    settings
      .noteOpenedRegion(target.profile, target.region)
      .then((changed) => changed && router.broadcast('settings', 'changed', { settings: changed }))
      .catch((err: unknown) => log(`porthole: could not remember the region opened: ${err instanceof Error ? err.message : String(err)}`));
  };
  const launchShell = shellLauncher(aws, async () => (await settings.get()).ecsShellCommand);
  const owners = new SessionOwners();
  const inspector = new InspectorHub();
  const recordDir = opts.shells?.recordDir ?? env[APP.RECORD_DIR_ENV];
  const shells = new ShellManager({
    ...opts.shells,
    launch: async (target) => {
      const launched = await launchShell(target);
      noteOpened(target);
      return launched;
    },
    frames: inspector,
    // A shell that ended by itself may have lost its task: the tree hears what ECS says of it.
    // What ECS says of it also goes to the shell's tab (a task that stopped is why its shell ended).
    ended: (target, taskEnded) => void checkEndedShellTask(aws, target).then((end) => end !== null && taskEnded(end)),
    ...(recordDir ? { recordDir } : {}),
    recordingsDir: join(opts.dataDir, APP.RECORDINGS_SUBDIR),
  });
  const forwards = new ForwardsHub({
    aws,
    dataDir: opts.dataDir,
    events: {
      updated: (e) => {
        router.broadcast('forwards', 'updated', e);
        if (e.forward !== null && e.forward.state === 'listening') noteOpened(e.forward.spec.target);
      },
      stats: (s) => router.broadcast('forwards', 'stats', s),
    },
    notice: (message) => notices.add(message),
    ...opts.forwards,
  });
  const transfers = new TransfersHub({
    launch: shellLauncher(aws, async () => (await settings.get()).ecsShellCommand),
    dataDir: opts.dataDir,
    updated: (transfer) => router.broadcast('transfers', 'updated', { transfer }),
    notice: (message) => notices.add(message),
  });
  // Read what was saved now, so a file set aside is told at start, not at first use.
  await Promise.all([settings.get().catch((err: unknown) => notices.add(`Settings could not be read (${err instanceof Error ? err.message : String(err)}); using the defaults.`)), forwards.ready()]);

  router.register('app', createAppService(hostEnv, notices));
  router.register('settings', createSettingsService(settings));
  router.register('inventory', createInventoryService({ aws, sandbox: sandbox ? { profiles: [SANDBOX.profile, SANDBOX.expiredProfile, SANDBOX.ssoProfile] } : null }));
  const waiting = new WaitingSessions(opts.sessionGraceMs);
  router.register('sessions', createSessionsService({ shells, owners, waiting, lost: (client, id) => inspector.unsubscribe(client, id) }));
  router.register('forwards', createForwardsService({ hub: forwards }));
  router.register('transfers', createTransfersService({ hub: transfers }));
  router.register('diagnostics', createDiagnosticsService({ aws }));
  router.register('auth', createAuthService({ mfa: aws.mfa, ssoSignIn: (profile) => aws.ssoSignIn(profile), cancelSsoSignIn: (id) => aws.sso.cancel(id) }));
  router.register('inspector', createInspectorService({ hub: inspector, owners }));

  let closing: Promise<void> | undefined;
  return {
    router,
    hostEnv,
    sandbox,
    aws,
    shells,
    forwards,
    settings,
    notices,
    close() {
      closing ??= (async () => {
        // Sessions and forwards first: their TerminateSession calls need the sandbox still up.
        waiting.clear();
        await settle(Promise.all([shells.closeAll(), forwards.close(), transfers.close()]), APP.SHUTDOWN_GRACE_MS);
        aws.close();
        await sandbox?.stop();
      })();
      return closing;
    },
  };
}
