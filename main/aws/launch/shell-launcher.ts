// The shell launcher (the shell manager's, the transfers' and `porthole cp`'s): ECS Exec for containers (the settings' command when the tab
// names none), SSM StartSession for instances, each with its profile's resume, terminate and KMS.
import type { ShellTarget } from '../../../shared/contract/index.js';
import type { AwsService, LaunchedSession } from '../aws-service.js';
import { awsKmsDataKeyProvider } from '../../ssm/crypto/kms.js';
import type { LaunchedShell, ShellLauncher } from '../../sessions/shells/index.js';

export function shellLauncher(aws: AwsService, defaultCommand: () => Promise<string>): ShellLauncher {
  return async (target: ShellTarget, waiting?: (words: string | null) => void): Promise<LaunchedShell> => {
    let launched: LaunchedSession;
    if (target.kind === 'instance') {
      launched = await aws.instanceShell(target, waiting);
    } else {
      launched = await aws.execShell(target, target.command ?? (await defaultCommand()), waiting);
    }
    const { started, launch, kms } = launched;
    return {
      credentials: started.credentials,
      target: launch.target,
      ...(started.resumeSession ? { resumeSession: started.resumeSession } : {}),
      ...(started.terminateSession ? { terminateSession: started.terminateSession } : {}),
      dataKeys: awsKmsDataKeyProvider({ client: kms }),
    };
  };
}
