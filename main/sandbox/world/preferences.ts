/**
 * Session Manager preferences set for a whole run (`porthole sandbox --max-session-duration N`,
 * `--idle-session-timeout N`):
 * written into every region the world declares, over what its file says, as setting them in each
 * Region's Session Manager preferences on AWS would.
 */
import type { SessionPreferencesSpec, WorldFile } from './schema.js';

export function withSessionPreferences(world: WorldFile, preferences: SessionPreferencesSpec | undefined): WorldFile {
  if (preferences === undefined) return world;
  return {
    ...world,
    accounts: world.accounts.map((account) => ({
      ...account,
      regions: account.regions.map((region) => ({ ...region, sessionPreferences: { ...region.sessionPreferences, ...preferences } })),
    })),
  };
}
