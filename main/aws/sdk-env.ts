/**
 * Environment variables read the way the AWS SDK for JavaScript v3 reads them, from an env the
 * caller passes (never process.env behind its back), so the profiles the app lists are the ones
 * the SDK and its credential providers would use. The SDK tests most variables for truth
 * (`process.env.X || default`): an empty value means "not set" and the default applies.
 */
import { homedir } from 'node:os';
import { join, sep } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's value, or undefined when it is unset or empty (the SDK's `||`). */
export function envSetting(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The drive the SDK puts before HOMEPATH when HOMEDRIVE is unset (Windows). */
const DEFAULT_HOME_DRIVE = `C:${sep}`;

/** The home folder as the SDK's getHomeDir finds it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, else the OS's. */
export function homeDir(env: Env): string {
  const home = envSetting(env, 'HOME') ?? envSetting(env, 'USERPROFILE');
  if (home !== undefined) return home;
  const homePath = envSetting(env, 'HOMEPATH');
  // The SDK defaults HOMEDRIVE only when it is absent, so an empty one stays empty.
  if (homePath !== undefined) return `${env.HOMEDRIVE ?? DEFAULT_HOME_DRIVE}${homePath}`;
  return homedir();
}

/** The SDK's prefix for a path under the home folder, in AWS_CONFIG_FILE and the like. */
const HOME_PREFIX = '~/';

/** A path with a leading `~/` resolved against the home folder, as the SDK's file loader does. */
export function underHome(path: string, env: Env): string {
  return path.startsWith(HOME_PREFIX) ? join(homeDir(env), path.slice(HOME_PREFIX.length)) : path;
}

/**
 * A boolean setting as the SDK's selector reads it: exactly `true` or `false`; any other value
 * (an empty one too) is rejected by the SDK, which then goes on to the next source, so it is
 * undefined here.
 */
export function booleanSetting(value: string | undefined): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
