/**
 * Every profile of the shared config and credentials files, read with the SDK's own loader and
 * described without secrets: what kind of credentials it uses, its region, MFA, SSO and endpoints.
 * Honours AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE and AWS_REGION, each read as
 * the SDK reads it (sdk-env.ts: an empty value is unset).
 */
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import { resolveProfileEndpoints, type EndpointMap } from './endpoints.js';
import { envSetting, homeDir, underHome, type Env } from './sdk-env.js';

export type { Env } from './sdk-env.js';

/** How a profile obtains credentials (decides which SDK provider is used). */
export type CredentialKind =
  | 'static'
  | 'sso'
  | 'assume-role'
  | 'web-identity'
  | 'credential-process'
  | 'environment'
  | 'default-chain'
  | 'none';

/** A profile as the app may see it. Deliberately carries no keys, tokens or commands. */
export interface ProfileInfo {
  readonly name: string;
  readonly kind: CredentialKind;
  /** Which file(s) define it; pseudo-profiles (environment, default chain) have none. */
  readonly files: ReadonlyArray<'config' | 'credentials'>;
  readonly region: string | null;
  /** The region came from AWS_REGION / AWS_DEFAULT_REGION rather than the profile's own `region`. */
  readonly regionFromEnv: boolean;
  /** The profile AWS_PROFILE selects (or `default`). */
  readonly isDefault: boolean;
  readonly mfaSerial: string | null;
  readonly roleArn: string | null;
  readonly sourceProfile: string | null;
  readonly sso: { readonly startUrl: string | null; readonly region: string | null; readonly accountId: string | null; readonly roleName: string | null; readonly session: string | null } | null;
  /** Endpoints from AWS_ENDPOINT_URL*, the profile's `services` section and `endpoint_url`. */
  readonly endpoints: EndpointMap;
  /** A problem found while reading the profile (e.g. a `services` section that does not exist). */
  readonly problem: string | null;
}

export interface SharedFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** Pseudo-profile for AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment. */
export const ENV_PROFILE_NAME = '(environment)';
/** Pseudo-profile for container / web-identity credentials found through the default chain. */
export const CHAIN_PROFILE_NAME = '(default chain)';

/** Section prefixes the loader uses for non-profile sections (`[services x]`, `[sso-session x]`). */
const NON_PROFILE_PREFIXES = ['services.', 'sso-session.'];
/** The profile the SDK uses when AWS_PROFILE names none. */
const DEFAULT_PROFILE = 'default';

/**
 * The two files, as the SDK finds them: the variable when it is set and not empty, else under the
 * home folder; a leading `~/` is resolved here against this env's home (the SDK's loader would
 * use the process's).
 */
export function sharedFilePaths(env: Env): SharedFiles {
  const home = homeDir(env);
  return {
    configFile: underHome(envSetting(env, 'AWS_CONFIG_FILE') ?? join(home, '.aws', 'config'), env),
    credentialsFile: underHome(envSetting(env, 'AWS_SHARED_CREDENTIALS_FILE') ?? join(home, '.aws', 'credentials'), env),
  };
}

export interface LoadedProfiles {
  readonly files: SharedFiles;
  readonly profiles: readonly ProfileInfo[];
  /** Parsed config file (for endpoint resolution and SSO sessions); never returned across IPC. */
  readonly configData: ParsedIniData;
}

function kindOf(section: Readonly<Record<string, string | undefined>>): CredentialKind {
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.role_arn) return 'assume-role';
  if (section.sso_session || section.sso_start_url) return 'sso';
  if (section.credential_process) return 'credential-process';
  if (section.aws_access_key_id) return 'static';
  return 'none';
}

/**
 * AWS_REGION is a setting of the AWS_PROFILE (or default) session, as in the CLI and SDK: it wins
 * over that profile's region only. Every other profile keeps its own region and uses the
 * environment's only when it names none. AWS_DEFAULT_REGION is the CLI's fallback. An empty
 * variable names no region (the SDK would reject an empty region as not a host name).
 */
function regionOf(section: Readonly<Record<string, string | undefined>> | undefined, env: Env, selected: boolean): { region: string | null; regionFromEnv: boolean } {
  const envRegion = envSetting(env, 'AWS_REGION');
  const fromEnv = envRegion ?? envSetting(env, 'AWS_DEFAULT_REGION') ?? null;
  const own = section?.region ?? null;
  if (selected && envRegion !== undefined) return { region: envRegion, regionFromEnv: true };
  if (own) return { region: own, regionFromEnv: false };
  return { region: fromEnv, regionFromEnv: fromEnv !== null };
}

/** Read both shared files fresh (no loader cache) and describe every profile they define. */
export async function loadProfiles(env: Env = process.env): Promise<LoadedProfiles> {
  const files = sharedFilePaths(env);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    filepath: files.credentialsFile,
    configFilepath: files.configFile,
    ignoreCache: true,
  });
  const isProfile = (key: string) => !NON_PROFILE_PREFIXES.some((p) => key.startsWith(p));
  // The SDK's getProfileName: an empty AWS_PROFILE selects `default`.
  const selected = envSetting(env, 'AWS_PROFILE') ?? DEFAULT_PROFILE;
  // The AWS_PROFILE (or default) profile first, the rest by name.
  const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(isProfile))].sort((a, b) => Number(b === selected) - Number(a === selected) || (a < b ? -1 : a > b ? 1 : 0));
  const profiles: ProfileInfo[] = names.map((name) => {
    // Same merge as the SDK's parseKnownFiles: the credentials file wins key by key.
    const section = { ...configFile[name], ...credentialsFile[name] };
    const inFiles: Array<'config' | 'credentials'> = [];
    if (configFile[name]) inFiles.push('config');
    if (credentialsFile[name]) inFiles.push('credentials');
    const ssoSession = section.sso_session ? configFile[`sso-session.${section.sso_session}`] : undefined;
    const { endpoints, problem } = resolveProfileEndpoints(section, configFile, env);
    return {
      name,
      kind: kindOf(section),
      files: inFiles,
      ...regionOf(section, env, name === selected),
      isDefault: name === selected,
      mfaSerial: section.mfa_serial ?? null,
      roleArn: section.role_arn ?? null,
      sourceProfile: section.source_profile ?? section.credential_source ?? null,
      sso: section.sso_session || section.sso_start_url
        ? {
            startUrl: ssoSession?.sso_start_url ?? section.sso_start_url ?? null,
            region: ssoSession?.sso_region ?? section.sso_region ?? null,
            accountId: section.sso_account_id ?? null,
            roleName: section.sso_role_name ?? null,
            session: section.sso_session ?? null,
          }
        : null,
      endpoints,
      problem,
    };
  });
  const pseudo = pseudoProfiles(env, profiles.length > 0);
  return { files, profiles: [...profiles, ...pseudo], configData: configFile };
}

function pseudoProfile(name: string, kind: CredentialKind, env: Env): ProfileInfo {
  const { endpoints } = resolveProfileEndpoints({}, {}, env);
  return { name, kind, files: [], ...regionOf(undefined, env, true), isDefault: false, mfaSerial: null, roleArn: null, sourceProfile: null, sso: null, endpoints, problem: null };
}

/**
 * Environment keys are a profile of their own; container/web-identity credentials only when nothing
 * else exists. Each test is the SDK provider's own: fromEnv needs both keys, the container provider
 * either URI, fromTokenFile the token file and AWS_ROLE_ARN together (all non-empty).
 */
function pseudoProfiles(env: Env, haveFileProfiles: boolean): ProfileInfo[] {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return [pseudoProfile(ENV_PROFILE_NAME, 'environment', env)];
  const webIdentity = Boolean(env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN);
  const chain = Boolean(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) || webIdentity;
  if (chain && !haveFileProfiles) return [pseudoProfile(CHAIN_PROFILE_NAME, 'default-chain', env)];
  return [];
}
