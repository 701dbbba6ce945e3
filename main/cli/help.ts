// `porthole --help` and `porthole --version`.
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { PORTHOLE_CLIENT_VERSION } from '../ssm/version.js';

export const HELP = `porthole ${PORTHOLE_VERSION} — terminals for AWS ECS containers and EC2 instances

Usage:
  porthole session-manager-plugin [options] <plugin arguments…>
      Drop-in replacement for AWS's session-manager-plugin (also runs in this mode when
      invoked through a symlink named session-manager-plugin). Options (before the plugin
      arguments; or set the environment variable shown, which works through the AWS CLI):
        --capture FILE     write every data-channel frame to FILE (JSON lines)  PORTHOLE_CAPTURE
        --capture-unmasked keep tokens, KMS material and input in the capture       PORTHOLE_CAPTURE_UNMASKED=1
        --record FILE      record a shell session as asciicast v2 (.cast)       PORTHOLE_RECORD
  porthole cp [--profile P] [--region R] [-q] [--no-compress] SRC DST
      Copy a file or folder into or out of an instance or container through a session (one
      side local, the other i-0123…:/path or ecs:CLUSTER/TASK[/CONTAINER]:/path). Needs only
      a POSIX shell, base64, head and sha256sum (or openssl, or busybox) on the target; gzip is
      used when the target has it. Exit status 0 only when both ends' SHA-256 agree.
  porthole inspect FILE [--no-hexdump] [--json] [--smux | --no-smux]
      Describe every frame of a capture byte by byte (also reads the conformance
      real/*.jsonl recordings and e2e transcripts).
  porthole play FILE [--speed N] [--idle-limit SECONDS]
      Replay an asciicast v2 recording in this terminal.
  porthole sandbox [sandbox options]
      Run the local AWS sandbox (same as npm run sandbox).
  porthole --version | --help
`;

export function versionText(): string {
  return `porthole ${PORTHOLE_VERSION} (session-manager-plugin compatible ${PORTHOLE_CLIENT_VERSION})\n`;
}
