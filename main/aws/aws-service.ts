/**
 * The AWS side of the app in one object, shaped for thin IPC wiring: inventory (profiles, children,
 * refresh, filter), diagnostics (run), auth (respondMfa) and the launches the session/forward
 * managers need. Inputs are the contract's plain refs; outputs are plain data or engine handles.
 * Credentials stay inside: nothing returned carries keys or tokens of a profile.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import type { MfaPrompt, SsoPrompt } from '../../shared/contract/auth.js';
import type { ConfigFinding, Profile } from '../../shared/contract/inventory.js';
import type { EcsContainerRef, InstanceRef, TargetRef } from '../../shared/contract/common.js';
import type { DiagnosisTarget } from '../../shared/contract/diagnostics.js';
import type { StartPortSession, StartedSession } from '../sessions/forwards/types.js';
import { checkSharedFiles } from './config-check/check-files.js';
import { diagnoseEcs, diagnoseInstance } from './diagnostics/gather.js';
import { ecsTaskState, type EcsTaskState } from './discovery/task-state.js';
import { describeTaskNow } from './discovery/ecs.js';
import { describeInstanceNow } from './discovery/instances.js';
import type { Check } from './diagnostics/types.js';
import { Inventory, type InventoryEvents, type InventoryOptions } from './inventory/inventory.js';
import { profileSource } from './inventory/nodes.js';
import { portSessionStarter, startedSession } from './launch/engine-adapters.js';
import { execCommand, kmsClientFor, startInstanceShell } from './launch/launch.js';
import type { LaunchResult } from './launch/types.js';
import type { HelperRun } from './credential-process.js';
import { AwsError } from './errors.js';
import { toAwsError } from './error-map.js';
import { HelperWaiters, type HelperWaitListener } from './helper-waiters.js';
import { MfaPrompts } from './mfa-prompts.js';
import { SsoSignIns } from './sso/sign-in.js';
import type { Env, ProfileInfo } from './profiles.js';
import { AwsWorkspace } from './workspace.js';

export interface AwsServiceOptions {
  readonly env?: Env;
  readonly events?: InventoryEvents & { mfaPrompt?(prompt: MfaPrompt): void; ssoPrompt?(prompt: SsoPrompt): void };
  readonly includeStopped?: boolean;
  /** The regions the tree shows under a profile (see InventoryOptions.regionsFor). */
  readonly regionsFor?: InventoryOptions['regionsFor'];
  readonly maxAttempts?: number;
  /** Prefetch listed regions' clusters in the background (the app; not a one-shot CLI). */
  readonly prefetch?: boolean;
  /** The background poll of open nodes (default: every LIVE_TREE.INTERVAL_MS). */
  readonly live?: InventoryOptions['live'];
}

/** A launched session with what the engine needs to run, resume and (if encrypted) key it. */
export interface LaunchedSession {
  readonly launch: LaunchResult;
  readonly started: StartedSession;
  readonly kms: KMSClient;
}

/** How much of an unexpected error of the config check its finding quotes: enough to report it, short in the notice. */
const CONFIG_CHECK_FAULT_CHARS = 200;

/** One key per target, whatever carries it (a tab's ref, a diagnosis target). */
function targetKey(t: { readonly profile: string; readonly region: string } & ({ readonly kind: 'instance'; readonly instanceId: string } | { readonly kind: 'ecs-container'; readonly taskArn: string; readonly containerName: string })): string {
  return `${t.profile}|${t.region}|${t.kind === 'instance' ? t.instanceId : `${t.taskArn}|${t.containerName}`}`;
}

export function contractProfile(p: ProfileInfo): Profile {
  return { name: p.name, source: profileSource(p), defaultRegion: p.region, needsMfa: p.kind === 'assume-role' && p.mfaSerial !== null };
}

export class AwsService {
  readonly workspace: AwsWorkspace;
  readonly inventory: Inventory;
  readonly mfa: MfaPrompts;
  readonly sso: SsoSignIns;
  private known: readonly ProfileInfo[] = [];
  private readonly env: Env;
  /** Tree loads, launches, forward starts and diagnoses waiting on a profile's credential_process. */
  readonly helperWaiters = new HelperWaiters();
  /** The latest failed ExecuteCommand/StartSession (shells and forwards) per target, until one succeeds: diagnostics show it first. */
  private readonly launchFailures = new Map<string, AwsError>();

  constructor(opts: AwsServiceOptions = {}) {
    this.env = opts.env ?? process.env;
    this.mfa = new MfaPrompts((p) => opts.events?.mfaPrompt?.(p), (name) => this.known.find((p) => p.name === name)?.roleArn ?? null);
    this.sso = new SsoSignIns((p) => opts.events?.ssoPrompt?.(p));
    // A credential_process waiting on the person shows wherever someone waits for it (helperWaiters):
    // the tree's nodes being loaded and a launching shell's tab.
    const onHelper = (run: HelperRun): void => this.helperWaiters.tell(run);
    this.workspace = new AwsWorkspace({ env: opts.env, mfaCodeProvider: this.mfa.provider, maxAttempts: opts.maxAttempts, onHelper });
    this.inventory = new Inventory(this.workspace, { events: opts.events, includeStopped: opts.includeStopped, prefetch: opts.prefetch ?? false, helperWaiters: this.helperWaiters, ...(opts.live ? { live: opts.live } : {}), ...(opts.regionsFor ? { regionsFor: opts.regionsFor } : {}) });
  }

  /** contract inventory.profiles (the sandbox offer is the IPC layer's decision). */
  async profiles(): Promise<{ profiles: Profile[]; credentialsFound: boolean }> {
    const { profiles } = await this.inventory.profiles();
    this.known = profiles;
    return { profiles: profiles.map(contractProfile), credentialsFound: profiles.some((p) => p.kind !== 'none') };
  }

  /**
   * What in the shared config files makes a profile or a setting disappear, read fresh each time
   * (as the profiles are). A fault in the check itself is said as a finding: it must never take
   * the profiles down with it, nor pass unnoticed.
   */
  async configFindings(): Promise<ConfigFinding[]> {
    try {
      return await checkSharedFiles(this.env);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return [{ file: 'AWS config files', line: null, profile: null, problem: `Porthole could not check them (${why.slice(0, CONFIG_CHECK_FAULT_CHARS)})`, effect: 'the profiles are listed as the AWS SDK reads them', fix: 'Refresh to check again.' }];
    }
  }

  /**
   * contract auth.ssoSignIn: the OIDC device flow for an SSO profile, the token cached where the
   * AWS CLI keeps it; the profile's session is closed so its next call signs with fresh credentials.
   */
  async ssoSignIn(name: string): Promise<number> {
    if (!this.known.some((p) => p.name === name)) await this.profiles();
    const profile = this.known.find((p) => p.name === name);
    if (!profile) throw new AwsError({ code: 'profile-not-found', sentence: `There is no profile named "${name}".`, nextStep: 'Pick a profile from the list, or add it to ~/.aws/config.', context: { profile: name } });
    const { expiresAt } = await this.sso.signIn(profile);
    this.workspace.close(name);
    return expiresAt.getTime();
  }

  /**
   * contract diagnostics.run, optionally explaining the error the user just met; `waiting` is told
   * while its checks wait on the profile's credential_process (the words, then null).
   */
  async diagnose(target: DiagnosisTarget, lastError: unknown = this.launchFailures.get(targetKey(target)), waiting?: HelperWaitListener): Promise<{ checks: Check[] }> {
    return this.helperWaiters.during(target.profile, waiting, async () => {
      const session = await this.workspace.open(target.profile);
      const checks = target.kind === 'instance'
        ? await diagnoseInstance(session, { region: target.region, instanceId: target.instanceId }, lastError)
        : await diagnoseEcs(session, { region: target.region, cluster: target.cluster, taskArn: target.taskArn, containerName: target.containerName }, lastError);
      return { checks };
    });
  }

  /** ECS Exec into a container (command default /bin/sh). */
  async execShell(ref: EcsContainerRef, command?: string, waiting?: HelperWaitListener): Promise<LaunchedSession> {
    return this.remembering(ref, () => this.helperWaiters.during(ref.profile, waiting, async () => {
      const session = await this.workspace.open(ref.profile);
      const launch = await execCommand(session, { kind: 'ecs-container', region: ref.region, cluster: ref.cluster, taskArn: ref.taskArn, containerName: ref.containerName, runtimeId: ref.runtimeId }, command);
      return { launch, started: startedSession(session, launch), kms: kmsClientFor(session, launch.region) };
    }));
  }

  /** A shell on an EC2 instance or managed node. */
  async instanceShell(ref: InstanceRef, waiting?: HelperWaitListener): Promise<LaunchedSession> {
    return this.remembering(ref, () => this.helperWaiters.during(ref.profile, waiting, async () => {
      const session = await this.workspace.open(ref.profile);
      const launch = await startInstanceShell(session, { kind: 'instance', region: ref.region, instanceId: ref.instanceId });
      return { launch, started: startedSession(session, launch), kms: kmsClientFor(session, launch.region) };
    }));
  }

  /** Runs a launch, keeping its failure for the target's next diagnosis (a success forgets it). */
  private async remembering<T>(target: Parameters<typeof targetKey>[0], launch: () => Promise<T>): Promise<T> {
    const key = targetKey(target);
    try {
      const out = await launch();
      this.launchFailures.delete(key);
      return out;
    } catch (err) {
      const e = toAwsError(err, { profile: target.profile, region: target.region });
      this.launchFailures.set(key, e);
      throw e;
    }
  }

  /** The forward manager's `startSession`: each forward's spec names its profile and region. */
  readonly startPortSession: StartPortSession = async (input, spec, waiting) => {
    const profile = spec.profile;
    if (!profile) {
      throw new AwsError({ code: 'profile-not-found', sentence: 'This forward does not say which AWS profile to use.', nextStep: 'Recreate the forward from the tree so it carries its profile and region.' });
    }
    // A start (or restart) waiting on the profile's credential_process says so in the forward's row.
    return this.helperWaiters.during(profile, waiting, async () => portSessionStarter(await this.workspace.open(profile), spec.region)(input, spec));
  };

  /**
   * The forward manager's `startSession` for forwards to `target` (the tree's ref): a failed
   * StartSession is remembered for that target's next diagnosis, as a shell's failed launch is.
   */
  portSessionFor(target: TargetRef): StartPortSession {
    return (input, spec, waiting) => this.remembering(target, () => this.startPortSession(input, spec, waiting));
  }

  /**
   * One ECS task's state (DescribeTasks with the profile's credentials and endpoint): a forward's
   * auto-restart asks whether a task that stopped answering has stopped for good, and a shell's
   * end asks the same. What it says goes to the tree too (Inventory.applyTaskState), so a task
   * seen stopped shows stopped without a refresh. Throws an AwsError. `signal` aborts the call.
   */
  async ecsTaskState(profile: string, region: string | undefined, cluster: string, task: string, signal?: AbortSignal): Promise<EcsTaskState> {
    const session = await this.workspace.open(profile);
    const r = session.region(region);
    let state: EcsTaskState;
    try {
      state = await ecsTaskState(session.ecs(r), cluster, task, signal);
    } catch (err) {
      throw toAwsError(err, { profile, region: r, operation: 'ECS DescribeTasks' });
    }
    this.inventory.applyTaskState(profile, r, cluster, task, state);
    return state;
  }

  /**
   * Describes one session target anew (SSM DescribeInstanceInformation for an instance,
   * DescribeTasks for a container's task) and puts what AWS says in the tree, so a verdict taken
   * from a listing that may be stale (an agent that came back) is taken again. Throws an AwsError.
   * `signal` aborts the calls (a caller that stopped waiting).
   */
  async describeTargetNow(target: TargetRef, signal?: AbortSignal): Promise<void> {
    const session = await this.workspace.open(target.profile);
    const r = session.region(target.region);
    try {
      if (target.kind === 'instance') {
        const instance = await describeInstanceNow(session.ssm(r), session.ec2(r), target.instanceId, signal);
        if (instance !== undefined) this.inventory.applyDescribedTarget(target.profile, r, { instance });
      } else {
        const task = await describeTaskNow(session.ecs(r), target.cluster, target.taskArn, signal);
        if (task !== undefined) this.inventory.applyDescribedTarget(target.profile, r, { task });
      }
    } catch (err) {
      throw toAwsError(err, { profile: target.profile, region: r, operation: target.kind === 'instance' ? 'SSM DescribeInstanceInformation' : 'ECS DescribeTasks' });
    }
  }

  /** KMS client for a profile and region (encrypted sessions started elsewhere). */
  async kms(profile: string, region: string): Promise<KMSClient> {
    return kmsClientFor(await this.workspace.open(profile), region);
  }

  close(): void {
    this.inventory.live.stop();
    this.mfa.cancelAll();
    this.sso.cancelAll();
    this.workspace.closeAll();
  }
}
