/**
 * A role profile whose source_profile chain ends in a credential_process, resolved by Porthole
 * rather than by the SDK's fromIni: fromIni runs that command through its fromProcess, which gives
 * it an open stdin and no time limit. Here the command runs under credential-process.ts (no stdin,
 * ended with what it started at the profile's limit), then each role of the chain is assumed in
 * turn, innermost first, with an AssumeRole call on an STS client made for that link and destroyed
 * once the call ends (the SDK's fromTemporaryCredentials makes one per provider and never destroys
 * it, so each refresh left one behind). Any other chain (static keys, SSO, web identity,
 * credential_source, a loop) is left to fromIni, which this reads exactly like.
 */
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput, type STSClientConfig } from '@aws-sdk/client-sts';
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity } from '@smithy/types';
import { runProfileProcess, type ProfileProcessOptions } from './credential-process.js';
import type { RequestLimits } from './request-limits.js';

type Section = Readonly<Record<string, string | undefined>>;

/** The region the SDK's role assumer falls back to when neither the client nor the profile names one. */
const STS_FALLBACK_REGION = 'us-east-1';
/** The SDK's default for a role session without duration_seconds (one hour). */
const DEFAULT_DURATION_SECONDS = 3600;
/** A role session without role_session_name is named as the SDK names it: this, then the time in ms. */
const DEFAULT_SESSION_NAME_PREFIX = 'aws-sdk-js-';

/** One AssumeRole of the chain, as the profile that names the role writes it. */
export interface RoleLink {
  readonly profile: string;
  readonly roleArn: string;
  readonly sessionName: string | undefined;
  readonly externalId: string | undefined;
  readonly durationSeconds: number;
  readonly mfaSerial: string | undefined;
  readonly region: string | undefined;
}

/** A chain that ends in a credential_process: the command's profile, then the roles, innermost first. */
export interface ProcessChain {
  readonly source: string;
  readonly sourceSection: Section;
  readonly links: readonly RoleLink[];
}

type RoleSection = Section & { readonly role_arn: string; readonly source_profile: string };

/** fromIni's isAssumeRoleProfile with a source_profile (not credential_source). */
function assumesFromProfile(s: Section | undefined): s is RoleSection {
  return typeof s?.role_arn === 'string' && typeof s.source_profile === 'string' && s.credential_source === undefined;
}

const hasStaticKeys = (s: Section): boolean => typeof s.aws_access_key_id === 'string' && typeof s.aws_secret_access_key === 'string';

function linkOf(profile: string, s: Section & { role_arn: string }): RoleLink {
  const duration = Number.parseInt(s.duration_seconds ?? String(DEFAULT_DURATION_SECONDS), 10);
  return { profile, roleArn: s.role_arn, sessionName: s.role_session_name, externalId: s.external_id, durationSeconds: duration, mfaSerial: s.mfa_serial, region: s.region };
}

/**
 * The chain of `profile` when it ends in a credential_process, else null (fromIni resolves it).
 * Follows fromIni's order for a source profile: static keys win, then a role with a
 * source_profile (followed), a credential_source, a web identity, and only then a credential_process.
 */
export function processChainOf(profile: string, profiles: ParsedIniData): ProcessChain | null {
  const top = profiles[profile];
  if (!assumesFromProfile(top)) return null;
  let name = profile;
  let section: RoleSection = top;
  const outermostFirst: RoleLink[] = [];
  const visited = new Set([name]);
  for (;;) {
    outermostFirst.push(linkOf(name, section));
    const next: string = section.source_profile;
    if (visited.has(next)) return null; // fromIni reports the loop in its words
    visited.add(next);
    const source: Section | undefined = profiles[next];
    if (!source || hasStaticKeys(source)) return null;
    if (assumesFromProfile(source)) {
      name = next;
      section = source;
      continue;
    }
    // A credential_source (with or without a role), or a web identity, comes before a command.
    if (typeof source.credential_source === 'string' && (source.role_arn === undefined || source.source_profile === undefined)) return null;
    if (typeof source.role_arn === 'string' && typeof source.web_identity_token_file === 'string') return null;
    if (typeof source.credential_process !== 'string') return null;
    return { source: next, sourceSection: source, links: outermostFirst.reverse() };
  }
}

/** Makes the STS client one link of a chain assumes its role with; it is destroyed once that call ends. */
export type StsClientFactory = (config: STSClientConfig) => STSClient;

const newStsClient: StsClientFactory = (config) => new STSClient(config);

export interface ChainOptions {
  /** The profile being opened (errors and MFA prompts name it). */
  readonly profile: string;
  readonly process: Omit<ProfileProcessOptions, 'sourceOf'>;
  readonly mfaCodeProvider?: (serial: string) => Promise<string>;
  /** The opened profile's STS client settings (region, resolved endpoint, limits), as fromIni gets them. */
  readonly stsClientConfig?: { readonly region?: string; readonly endpoint?: string; readonly requestHandler?: RequestLimits; readonly maxAttempts?: number };
  /** Default: a new STSClient (tests count what is made and destroyed). */
  readonly stsClient?: StsClientFactory;
}

/** Runs the chain's command, then assumes each role with the credentials before it. */
export async function resolveProcessChain(chain: ProcessChain, opts: ChainOptions): Promise<AwsCredentialIdentity> {
  let creds = await runProfileProcess(chain.source, chain.sourceSection, { ...opts.process, sourceOf: opts.profile });
  for (const link of chain.links) creds = await assumeLink(link, creds, opts);
  return creds;
}

/** One AssumeRole of the chain with `creds`, asking for the MFA code first when the link names a device. */
async function assumeLink(link: RoleLink, creds: AwsCredentialIdentity, opts: ChainOptions): Promise<AwsCredentialIdentity> {
  const params: AssumeRoleCommandInput = {
    RoleArn: link.roleArn,
    RoleSessionName: link.sessionName ?? `${DEFAULT_SESSION_NAME_PREFIX}${Date.now()}`,
    ...(link.externalId ? { ExternalId: link.externalId } : {}),
    DurationSeconds: link.durationSeconds,
  };
  if (link.mfaSerial) {
    // The words error-map knows as 'mfa-required', as the SDK's own assumer says it.
    if (!opts.mfaCodeProvider) throw new Error(`Role ${link.roleArn} requires multi-factor authentication, but no MFA code callback was provided.`);
    // Asked before the client exists: none is held while the person types the code.
    params.SerialNumber = link.mfaSerial;
    params.TokenCode = await opts.mfaCodeProvider(link.mfaSerial);
  }
  const sts = opts.stsClientConfig;
  const client = (opts.stsClient ?? newStsClient)({
    credentials: creds,
    // fromIni's order: the opened profile's region, then the role's own, then the SDK's fallback.
    region: sts?.region ?? link.region ?? STS_FALLBACK_REGION,
    ...(sts?.endpoint ? { endpoint: sts.endpoint } : {}),
    // The endpoint was resolved per profile; AWS_PROFILE's endpoint_url must not apply here.
    ignoreConfiguredEndpointUrls: true,
    ...(sts?.requestHandler ? { requestHandler: sts.requestHandler } : {}),
    ...(sts?.maxAttempts ? { maxAttempts: sts.maxAttempts } : {}),
  });
  try {
    const { Credentials: c } = await client.send(new AssumeRoleCommand(params));
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS answered AssumeRole of role ${link.roleArn} without credentials.`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
  } finally {
    client.destroy();
  }
}
