/**
 * The open profiles of the app. Profiles are listed fresh from the shared files; opening one makes
 * a ProfileSession (its own credential provider and clients), and several can be open at once.
 * Callers only ever see ProfileInfo (no secrets) and plain AwsErrors.
 */
import type { HelperRun } from './credential-process.js';
import type { MfaCodeProvider } from './credentials.js';
import { AwsError } from './errors.js';
import { HelperRuns } from './helper-runs.js';
import { ProfileSession } from './profile-session.js';
import { loadProfiles, type Env, type LoadedProfiles, type ProfileInfo } from './profiles.js';

export interface WorkspaceOptions {
  /** Environment to read AWS_* variables from (default: process.env). */
  readonly env?: Env;
  /** Asked for an MFA code when an assume-role profile has mfa_serial. */
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Overrides the SDK attempts per call (default AWS_LIMITS.MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
  /** Told when a profile's credential_process (or its source's) starts and ends. */
  readonly onHelper?: (run: HelperRun) => void;
}

export class AwsWorkspace {
  private loaded: LoadedProfiles | undefined;
  private readonly sessions = new Map<string, ProfileSession>();
  /** Each open profile's credential_process runs, kept across a reopen so a refresh joins a helper still waiting. */
  private readonly helperRuns = new Map<string, HelperRuns>();

  constructor(private readonly opts: WorkspaceOptions = {}) {}

  /** Re-read the config and credentials files and list every profile (plus environment credentials). */
  async profiles(): Promise<readonly ProfileInfo[]> {
    this.loaded = await loadProfiles(this.opts.env ?? process.env);
    return this.loaded.profiles;
  }

  /** The open session for a profile, opening it on first use. */
  async open(name: string): Promise<ProfileSession> {
    const open = this.sessions.get(name);
    if (open) return open;
    if (!this.loaded?.profiles.some((p) => p.name === name)) await this.profiles();
    const loaded = this.loaded;
    const profile = loaded?.profiles.find((p) => p.name === name);
    if (!loaded || !profile) {
      throw new AwsError({
        code: 'profile-not-found',
        sentence: `There is no profile named "${name}".`,
        nextStep: 'Pick a profile from the list, or add it to ~/.aws/config.',
        context: { profile: name },
      });
    }
    if (profile.problem) {
      throw new AwsError({ code: 'config-invalid', sentence: `Profile "${name}" cannot be used: ${profile.problem}`, nextStep: 'Fix the profile in ~/.aws/config, then refresh.', context: { profile: name } });
    }
    const helperRuns = this.helperRuns.get(name) ?? new HelperRuns();
    this.helperRuns.set(name, helperRuns);
    const session = new ProfileSession(profile, { files: loaded.files, mfaCodeProvider: this.opts.mfaCodeProvider, maxAttempts: this.opts.maxAttempts, helperRuns, ...(this.opts.onHelper ? { onHelper: this.opts.onHelper } : {}) });
    this.sessions.set(name, session);
    return session;
  }

  get(name: string): ProfileSession | undefined {
    return this.sessions.get(name);
  }

  openNames(): string[] {
    return [...this.sessions.keys()];
  }

  /** Close one profile (its clients and cached credentials, and any credential_process still running); reopening re-reads the files. */
  close(name: string): void {
    this.sessions.get(name)?.close();
    this.sessions.delete(name);
    this.helperRuns.get(name)?.cancel();
    this.helperRuns.delete(name);
  }

  /**
   * Close one profile to open it afresh (a refresh): like close(), except that a credential_process
   * still running is kept for the next session to join (or to take its answer, if it answers
   * before that session asks: HelperRuns.handOver), so a refresh never starts a second sign-in.
   * The helper is still stopped at its deadline, or by close()/closeAll().
   */
  reopen(name: string): void {
    this.sessions.get(name)?.close(true);
    this.sessions.delete(name);
    this.helperRuns.get(name)?.handOver();
  }

  closeAll(): void {
    for (const name of new Set([...this.sessions.keys(), ...this.helperRuns.keys()])) this.close(name);
  }
}
