/**
 * One credential provider per open profile, built from the SDK's own providers and memoised so
 * that every client of the profile (ECS, SSM, EC2, KMS, STS) shares one resolution: one MFA prompt,
 * one credential_process run, one SSO token read. Failures become AwsErrors with the profile named.
 */
import { fromEnv, fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import { parseKnownFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { credentialDeadlineMs, PromptWatch, withDeadline, type StallWords } from './credential-deadline.js';
import { fromCredentialProcess, type HelperRun, type ProfileProcessOptions } from './credential-process.js';
import { PROCESS_LIMIT } from './credential-process-limit.js';
import type { HelperRuns } from './helper-runs.js';
import { CredentialCache, CredentialsWaitForUser, inQuietWork } from './quiet-credentials.js';
import { processChainOf, resolveProcessChain } from './role-chain.js';
import { AwsError } from './errors.js';
import { toAwsError } from './error-map.js';
import type { RequestLimits } from './request-limits.js';
import type { ProfileInfo, SharedFiles } from './profiles.js';

/** Asks the user for the current MFA code of a device (the UI answers through the contract). */
export type MfaCodeProvider = (serialArn: string, profile: string) => Promise<string>;

export interface CredentialOptions {
  readonly files: SharedFiles;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Region and endpoint for the STS client the SDK uses to assume roles (honours the profile's endpoint). */
  readonly stsClientConfig?: { readonly region?: string; readonly endpoint?: string; readonly requestHandler?: RequestLimits; readonly maxAttempts?: number };
  /**
   * Overrides the deadlines: PROCESS_LIMIT.DEFAULT_MS for a credential_process a profile sets no
   * limit for, and credentialDeadlineMs() of the STS/SSO clients' limits for the calls to AWS
   * (a test of a command that never ends uses a short one).
   */
  readonly deadlineMs?: number;
  /** Told when a credential_process of the profile (or of its source) starts and ends. */
  readonly onHelper?: (run: HelperRun) => void;
  /** Kept up to date with the latest resolved credentials (background work asks it; quiet-credentials.ts). */
  readonly cache?: CredentialCache;
  /** The open profile's credential_process runs (shared by a refresh, stopped when it closes). */
  readonly helperRuns?: HelperRuns;
}

/** How a credential_process of the profile (or of its source) runs: its default limit, who is told, which runs it joins. */
function processOptions(opts: CredentialOptions): ProfileProcessOptions {
  return { defaultMs: opts.deadlineMs ?? PROCESS_LIMIT.DEFAULT_MS, ...(opts.onHelper ? { onHelper: opts.onHelper } : {}), ...(opts.helperRuns ? { runs: opts.helperRuns } : {}) };
}

/**
 * fromIni for a role or key profile, except a role chain that ends in a credential_process: that
 * one Porthole resolves (role-chain.ts) so the command runs under credential-process.ts. Which it
 * is is read from the files at each resolution (they may change).
 */
function iniProvider(profile: ProfileInfo, opts: CredentialOptions, prompts: PromptWatch): AwsCredentialIdentityProvider {
  const files = { profile: profile.name, filepath: opts.files.credentialsFile, configFilepath: opts.files.configFile, ignoreCache: true };
  const mfa = opts.mfaCodeProvider;
  const mfaCodeProvider = mfa ? (serial: string) => mfa(serial, profile.name) : undefined;
  const ini = fromIni({ ...files, clientConfig: opts.stsClientConfig ? { ...opts.stsClientConfig } : undefined, mfaCodeProvider });
  return async (props) => {
    const chain = processChainOf(profile.name, await parseKnownFiles(files));
    if (!chain) return ini(props);
    return resolveProcessChain(chain, {
      profile: profile.name,
      process: { ...processOptions(opts), hold: (work) => prompts.hold(work) },
      ...(mfaCodeProvider ? { mfaCodeProvider } : {}),
      ...(opts.stsClientConfig ? { stsClientConfig: opts.stsClientConfig } : {}),
    });
  };
}

function baseProvider(profile: ProfileInfo, opts: CredentialOptions, prompts: PromptWatch): AwsCredentialIdentityProvider {
  // ignoreCache: reopening a profile must see edits to the files (the SDK caches parsed files by path).
  const files = { profile: profile.name, filepath: opts.files.credentialsFile, configFilepath: opts.files.configFile, ignoreCache: true };
  const clientConfig = opts.stsClientConfig ? { ...opts.stsClientConfig } : undefined;
  switch (profile.kind) {
    case 'environment':
      return fromEnv();
    case 'default-chain':
      return fromNodeProviderChain({ clientConfig });
    case 'sso': {
      // The SDK reads the named section without checking it exists (a TypeError when it does not).
      const session = profile.sso?.session;
      if (session && !(profile.sso?.startUrl && profile.sso.region)) {
        return () => Promise.reject(new AwsError({
          code: 'config-invalid',
          sentence: `Profile "${profile.name}" names sso_session "${session}", but the config file has no [sso-session ${session}] section with sso_start_url and sso_region.`,
          nextStep: `Add that section to ~/.aws/config (aws configure sso-session writes it), or correct sso_session of profile "${profile.name}".`,
          context: { profile: profile.name },
        }));
      }
      // The portal endpoint the profile configures (the SDK applies it only through AWS_PROFILE).
      const sso = profile.endpoints.sso?.url;
      return fromSSO({ ...files, clientConfig: { ...(sso ? { endpoint: sso } : {}), ...(clientConfig?.requestHandler ? { requestHandler: clientConfig.requestHandler } : {}), ...(clientConfig?.maxAttempts ? { maxAttempts: clientConfig.maxAttempts } : {}) } });
    }
    case 'credential-process':
      // Run by Porthole, with no stdin and ended at the deadline (credential-process.ts).
      return fromCredentialProcess(profile.name, opts.files, processOptions(opts));
    case 'none':
      return () => Promise.reject(new AwsError({
        code: 'no-credentials',
        sentence: `Profile "${profile.name}" defines no credentials (no keys, SSO, role or credential_process).`,
        nextStep: `Add credentials to profile "${profile.name}" or choose another profile.`,
        context: { profile: profile.name },
      }));
    default:
      return iniProvider(profile, opts, prompts);
  }
}

/** The endpoint a resolution of this profile waits on, as the deadline error names it. */
function sourceWords(profile: ProfileInfo, opts: CredentialOptions): string {
  if (profile.kind === 'sso') {
    const url = profile.endpoints.sso?.url ?? (profile.sso?.region ? `https://portal.sso.${profile.sso.region}.amazonaws.com` : undefined);
    return `the AWS SSO endpoint${url ? ` (${url})` : ''} did not answer in time.`;
  }
  if (profile.kind === 'default-chain') return 'no credential source of the default chain (container or instance metadata, web identity, SSO) answered in time.';
  const sts = opts.stsClientConfig?.endpoint ?? profile.endpoints.sts?.url;
  return `the AWS STS endpoint${sts ? ` (${sts})` : ''} did not answer in time.`;
}

/** What the deadline error says: what the resolution was waiting on (a command a source profile runs stops this clock). */
function stallWords(profile: ProfileInfo, opts: CredentialOptions): StallWords {
  return {
    code: 'endpoint-unreachable',
    reason: sourceWords(profile, opts),
    nextStep: 'Check your network, VPN or proxy (and the endpoint_url configured for the profile, if any), then refresh the profile.',
  };
}

/** The deadline around a resolution that calls AWS: past the SDK's own retry budget (credential-deadline.ts). */
function deadlineFor(profile: ProfileInfo, opts: CredentialOptions, provider: AwsCredentialIdentityProvider, prompts: PromptWatch): AwsCredentialIdentityProvider {
  const ms = opts.deadlineMs ?? credentialDeadlineMs(opts.stsClientConfig?.requestHandler?.requestTimeout, opts.stsClientConfig?.maxAttempts);
  return withDeadline(provider, profile.name, prompts, ms, () => stallWords(profile, opts));
}

/**
 * The provider every client of this profile uses. Resolved lazily (nothing runs until the first
 * request), cached until near expiry, and re-resolved after a failure so a fresh `aws sso login`
 * or a corrected MFA code takes effect on the next refresh. A credential_process runs under its
 * own deadline; any other resolution under one past the SDK's retry budget, MFA prompts aside.
 * Inside withoutPrompts() a resolution that would be needed is refused, never started.
 */
export function credentialProviderFor(profile: ProfileInfo, opts: CredentialOptions): AwsCredentialIdentityProvider {
  const prompts = new PromptWatch();
  const raw = baseProvider(profile, { ...opts, mfaCodeProvider: prompts.wrap(opts.mfaCodeProvider) }, prompts);
  const base = profile.kind === 'credential-process' || profile.kind === 'none' ? raw : deadlineFor(profile, opts, raw, prompts);
  const ctx = { profile: profile.name, sso: profile.kind === 'sso' || profile.sso !== null };
  const cache = opts.cache ?? new CredentialCache();
  const guarded: AwsCredentialIdentityProvider = async () => {
    cache.forget();
    try {
      const identity = await base();
      cache.remember(identity);
      return identity;
    } catch (err) {
      throw toAwsError(err, ctx);
    }
  };
  const memo = memoizeIdentityProvider<AwsCredentialIdentity>(guarded, isIdentityExpired, doesIdentityRequireRefresh);
  if (!memo) throw new Error('memoizeIdentityProvider returned nothing for a function provider'); // cannot happen: input is a function
  // Background work gets the cached credentials or nothing: a refresh (prompt, sign-in, helper) waits for the user.
  return () => (inQuietWork() && !cache.usableQuietly(0) ? Promise.reject(new CredentialsWaitForUser(profile.name)) : memo());
}
