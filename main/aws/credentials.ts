/**
 * One credential provider per open profile, built from the SDK's own providers and memoised so
 * that every client of the profile (ECS, SSM, EC2, KMS, STS) shares one resolution: one MFA prompt,
 * one credential_process run, one SSO token read. Failures become AwsErrors with the profile named.
 */
import { fromEnv, fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CREDENTIAL_DEADLINE, credentialDeadlineMs, PromptWatch, withDeadline, type StallWords } from './credential-deadline.js';
import { chainRunsProcess, fromCredentialProcess } from './credential-process.js';
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
   * Overrides the deadline: CREDENTIAL_DEADLINE.PROCESS_MS for a credential_process profile, else
   * credentialDeadlineMs() of the STS/SSO clients' limits (a test of a command that never ends uses a short one).
   */
  readonly deadlineMs?: number;
}

function baseProvider(profile: ProfileInfo, opts: CredentialOptions): AwsCredentialIdentityProvider {
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
      return fromCredentialProcess(profile.name, opts.files, opts.deadlineMs ?? CREDENTIAL_DEADLINE.PROCESS_MS);
    case 'none':
      return () => Promise.reject(new AwsError({
        code: 'no-credentials',
        sentence: `Profile "${profile.name}" defines no credentials (no keys, SSO, role or credential_process).`,
        nextStep: `Add credentials to profile "${profile.name}" or choose another profile.`,
        context: { profile: profile.name },
      }));
    default: {
      const mfa = opts.mfaCodeProvider;
      return fromIni({
        ...files,
        clientConfig,
        mfaCodeProvider: mfa ? (serial: string) => mfa(serial, profile.name) : undefined,
      });
    }
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

/** What the deadline error says, by what the resolution was waiting on. */
function stallWords(profile: ProfileInfo, opts: CredentialOptions, runsProcess: boolean): StallWords {
  if (runsProcess) {
    return {
      code: 'credential-process-failed',
      reason: `the credential_process of its source profile is still running${profile.sourceProfile ? ` (profile "${profile.sourceProfile}" or the profiles it names)` : ''}.`,
      nextStep: 'Run that command in a terminal: it may be waiting for input Porthole cannot give (a prompt or a sign-in). Then refresh the profile.',
    };
  }
  return {
    code: 'endpoint-unreachable',
    reason: sourceWords(profile, opts),
    nextStep: 'Check your network, VPN or proxy (and the endpoint_url configured for the profile, if any), then refresh the profile.',
  };
}

/** The deadline around a resolution that calls AWS: past the SDK's own retry budget (credential-deadline.ts). */
function deadlineFor(profile: ProfileInfo, opts: CredentialOptions, provider: AwsCredentialIdentityProvider, prompts: PromptWatch): AwsCredentialIdentityProvider {
  const ms = opts.deadlineMs ?? credentialDeadlineMs(opts.stsClientConfig?.requestHandler?.requestTimeout, opts.stsClientConfig?.maxAttempts);
  // Whether a source profile runs a command is read from the files at each resolution (they may change).
  let runsProcess = false;
  const deadlined = withDeadline(provider, profile.name, prompts, ms, () => stallWords(profile, opts, runsProcess));
  return (props) => {
    runsProcess = false;
    if (profile.sourceProfile) void chainRunsProcess(profile.sourceProfile, opts.files).then((v) => { runsProcess = v; }, () => undefined);
    return deadlined(props);
  };
}

/**
 * The provider every client of this profile uses. Resolved lazily (nothing runs until the first
 * request), cached until near expiry, and re-resolved after a failure so a fresh `aws sso login`
 * or a corrected MFA code takes effect on the next refresh. A credential_process runs under its
 * own deadline; any other resolution under one past the SDK's retry budget, MFA prompts aside.
 */
export function credentialProviderFor(profile: ProfileInfo, opts: CredentialOptions): AwsCredentialIdentityProvider {
  const prompts = new PromptWatch();
  const raw = baseProvider(profile, { ...opts, mfaCodeProvider: prompts.wrap(opts.mfaCodeProvider) });
  const base = profile.kind === 'credential-process' || profile.kind === 'none' ? raw : deadlineFor(profile, opts, raw, prompts);
  const ctx = { profile: profile.name, sso: profile.kind === 'sso' || profile.sso !== null };
  const guarded: AwsCredentialIdentityProvider = async () => {
    try {
      return await base();
    } catch (err) {
      throw toAwsError(err, ctx);
    }
  };
  const memo = memoizeIdentityProvider<AwsCredentialIdentity>(guarded, isIdentityExpired, doesIdentityRequireRefresh);
  if (!memo) throw new Error('memoizeIdentityProvider returned nothing for a function provider'); // cannot happen: input is a function
  return () => memo();
}
