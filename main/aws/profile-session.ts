/**
 * An open profile: its shared credential provider and one SDK client per (service, region), each
 * with the profile's resolved endpoint, adaptive retry on an interactive budget, a call counter and
 * call details for errors (call-details.ts). Several sessions can
 * be open at once; nothing here reads AWS_PROFILE, so profiles never leak into each other.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { attachCallDetails } from './call-details.js';
import { CallStats } from './call-stats.js';
import { AWS_LIMITS } from './constants.js';
import type { HelperRun } from './credential-process.js';
import { credentialProviderFor, type MfaCodeProvider } from './credentials.js';
import type { ServiceKey } from './endpoints.js';
import { AwsError } from './errors.js';
import { HelperRuns } from './helper-runs.js';
import { CredentialCache, withoutPrompts } from './quiet-credentials.js';
import { requestLimits, type RequestLimits } from './request-limits.js';
import type { ProfileInfo, SharedFiles } from './profiles.js';

export interface ProfileSessionOptions {
  readonly files: SharedFiles;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Overrides AWS_LIMITS.MAX_ATTEMPTS (tests of the plain throttling error use a small number). */
  readonly maxAttempts?: number;
  /** Overrides AWS_LIMITS.REQUEST_TIMEOUT_MS (a test of a silent endpoint uses a short one). */
  readonly requestTimeoutMs?: number;
  /** Told when a credential_process of this profile (or of its source) starts and ends. */
  readonly onHelper?: (run: HelperRun) => void;
  /**
   * The profile's credential_process runs, when they outlive this session (the workspace hands a
   * refreshed profile's in-flight helper to its next session); else the session has its own.
   */
  readonly helperRuns?: HelperRuns;
}

type Clients = { ecs: ECSClient; ssm: SSMClient; ec2: EC2Client; kms: KMSClient; sts: STSClient; iam: IAMClient };
interface CommonConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  ignoreConfiguredEndpointUrls: boolean;
  retryMode: string;
  maxAttempts: number;
  requestHandler: RequestLimits;
}

/** One client per case so each middleware stack keeps its own precise types. */
function makeClient(service: ServiceKey, config: CommonConfig, stats: CallStats): Clients[ServiceKey] {
  switch (service) {
    case 'ecs': { const c = new ECSClient(config); stats.attach(c, service); attachCallDetails(c, service); return c; }
    case 'ssm': { const c = new SSMClient(config); stats.attach(c, service); attachCallDetails(c, service); return c; }
    case 'ec2': { const c = new EC2Client(config); stats.attach(c, service); attachCallDetails(c, service); return c; }
    case 'kms': { const c = new KMSClient(config); stats.attach(c, service); attachCallDetails(c, service); return c; }
    case 'sts': { const c = new STSClient(config); stats.attach(c, service); attachCallDetails(c, service); return c; }
    case 'iam': { const c = new IAMClient(config); stats.attach(c, service); attachCallDetails(c, service); return c; }
  }
}

export class ProfileSession {
  readonly stats = new CallStats();
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly credentialCache = new CredentialCache();
  private readonly clients = new Map<string, Clients[ServiceKey]>();
  private closed = false;
  /** Its credential_process runs: close() stops them (the helper has its own process group, nothing else would). */
  private readonly helperRuns: HelperRuns;

  constructor(readonly profile: ProfileInfo, private readonly opts: ProfileSessionOptions) {
    const region = profile.region ?? undefined;
    const sts = profile.endpoints.sts?.url;
    this.helperRuns = opts.helperRuns ?? new HelperRuns();
    this.credentials = credentialProviderFor(profile, {
      files: opts.files,
      mfaCodeProvider: opts.mfaCodeProvider,
      helperRuns: this.helperRuns,
      ...(opts.onHelper ? { onHelper: opts.onHelper } : {}),
      cache: this.credentialCache,
      stsClientConfig: { ...(region ? { region } : {}), ...(sts ? { endpoint: sts } : {}), requestHandler: requestLimits(opts.requestTimeoutMs), maxAttempts: opts.maxAttempts ?? AWS_LIMITS.MAX_ATTEMPTS },
    });
  }

  get name(): string {
    return this.profile.name;
  }

  /**
   * Background work (the live tree's poll, the prefetch) with this profile: `skipped`, with no call
   * made, unless its credentials are resolved and good for a while yet; and any refresh still
   * needed inside `work` is refused rather than prompting, signing in or running a helper.
   */
  async quietly<T>(work: () => Promise<T>): Promise<T | 'skipped'> {
    if (this.closed || !this.credentialCache.usableQuietly()) return 'skipped';
    return withoutPrompts(work);
  }

  /**
   * True when background work would be skipped for the credentials alone: the session is open but
   * its credentials expired (or are due a refresh), and only the user's next use signs in again.
   */
  needsSignIn(): boolean {
    return !this.closed && !this.credentialCache.usableQuietly();
  }

  /** True when the credentials resolved last have passed their expiration (not merely due a refresh). */
  credentialsExpired(): boolean {
    return this.credentialCache.expired();
  }

  /** The region to use when the caller names none; a profile without one is a plain error. */
  region(region?: string): string {
    const r = region ?? this.profile.region;
    if (r) return r;
    throw new AwsError({
      code: 'no-region',
      sentence: `Profile "${this.profile.name}" has no region.`,
      nextStep: `Add "region = us-east-1" (or your region) to profile "${this.profile.name}", or set AWS_REGION.`,
      context: { profile: this.profile.name },
    });
  }

  /** The endpoint this profile uses for a service, if one is configured (undefined = AWS default). */
  endpoint(service: ServiceKey): string | undefined {
    return this.profile.endpoints[service]?.url;
  }

  client<K extends ServiceKey>(service: K, region?: string): Clients[K] {
    if (this.closed) throw new Error(`profile session "${this.profile.name}" is closed`);
    const r = this.region(region);
    const key = `${service}/${r}`;
    const existing = this.clients.get(key);
    if (existing) return existing as Clients[K];
    const endpoint = this.endpoint(service);
    const client = makeClient(service, {
      region: r,
      credentials: this.credentials,
      ...(endpoint ? { endpoint } : {}),
      // Endpoints were resolved per profile above; stop the SDK applying AWS_PROFILE's instead.
      ignoreConfiguredEndpointUrls: true,
      retryMode: 'adaptive',
      maxAttempts: this.opts.maxAttempts ?? AWS_LIMITS.MAX_ATTEMPTS,
      requestHandler: requestLimits(this.opts.requestTimeoutMs),
    }, this.stats) as Clients[K];
    this.clients.set(key, client);
    return client;
  }

  ecs(region?: string): ECSClient { return this.client('ecs', region); }
  ssm(region?: string): SSMClient { return this.client('ssm', region); }
  ec2(region?: string): EC2Client { return this.client('ec2', region); }
  kms(region?: string): KMSClient { return this.client('kms', region); }
  sts(region?: string): STSClient { return this.client('sts', region); }
  /** IAM is global; the region only picks the partition's endpoint. */
  iam(region?: string): IAMClient { return this.client('iam', region); }

  /**
   * Destroys the clients and stops a credential_process still running, unless `keepHelper` (a
   * refresh: the profile's next session joins the run, so the person signs in once).
   */
  close(keepHelper = false): void {
    this.closed = true;
    if (!keepHelper) this.helperRuns.cancel();
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
