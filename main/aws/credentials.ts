/**
 * One credential provider per open profile, built from the SDK's own providers and memoised so
 * that every client of the profile (ECS, SSM, EC2, KMS, STS) shares one resolution: one MFA prompt,
 * one credential_process run, one SSO token read. Failures become AwsErrors with the profile named.
 */
import { fromEnv, fromIni, fromNodeProviderChain, fromProcess, fromSSO } from '@aws-sdk/credential-providers';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { PromptWatch, withDeadline } from './credential-deadline.js';
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
  readonly stsClientConfig?: { readonly region?: string; readonly endpoint?: string; readonly requestHandler?: RequestLimits };
  /** Overrides CREDENTIAL_DEADLINE.MS (a test of a credential_process that never ends uses a short one). */
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
      return fromSSO({ ...files, clientConfig: { ...(sso ? { endpoint: sso } : {}), ...(clientConfig?.requestHandler ? { requestHandler: clientConfig.requestHandler } : {}) } });
    }
    case 'credential-process':
      return fromProcess(files);
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

/**
 * The provider every client of this profile uses. Resolved lazily (nothing runs until the first
 * request), cached until near expiry, and re-resolved after a failure so a fresh `aws sso login`
 * or a corrected MFA code takes effect on the next refresh. A resolution that runs past
 * CREDENTIAL_DEADLINE (MFA prompts aside) fails in plain words (credential-deadline.ts).
 */
export function credentialProviderFor(profile: ProfileInfo, opts: CredentialOptions): AwsCredentialIdentityProvider {
  const prompts = new PromptWatch();
  const base = withDeadline(baseProvider(profile, { ...opts, mfaCodeProvider: prompts.wrap(opts.mfaCodeProvider) }), profile.name, prompts, opts.deadlineMs);
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
