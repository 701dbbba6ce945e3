/**
 * A profile read the way Porthole reads it, from AWS files a test wrote into its own temp dir (also
 * the HOME, so nothing of the machine's own ~/.aws leaks in).
 */
import { loadProfiles, type ProfileInfo, type SharedFiles } from '../../main/aws/profiles.js';

/** Profile `name` from `files`; a test whose files do not list it fails here, naming it. */
export async function profileIn(files: SharedFiles, home: string, name: string): Promise<ProfileInfo> {
  const { profiles } = await loadProfiles({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, HOME: home });
  const p = profiles.find((x) => x.name === name);
  if (!p) throw new Error(`test profile ${name} missing`);
  return p;
}
