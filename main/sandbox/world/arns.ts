/** ARN and id shapes exactly as ECS/EC2/KMS print them, so clients that split ARNs keep working. */
import { createHash } from 'node:crypto';

export interface ArnScope {
  readonly region: string;
  readonly account: string;
}

export const arn = {
  cluster: (s: ArnScope, name: string) => `arn:aws:ecs:${s.region}:${s.account}:cluster/${name}`,
  service: (s: ArnScope, cluster: string, name: string) => `arn:aws:ecs:${s.region}:${s.account}:service/${cluster}/${name}`,
  task: (s: ArnScope, cluster: string, id: string) => `arn:aws:ecs:${s.region}:${s.account}:task/${cluster}/${id}`,
  taskDefinition: (s: ArnScope, familyRevision: string) => `arn:aws:ecs:${s.region}:${s.account}:task-definition/${familyRevision}`,
  container: (s: ArnScope, cluster: string, taskId: string, name: string) =>
    `arn:aws:ecs:${s.region}:${s.account}:container/${cluster}/${taskId}/${uuidFrom(`${taskId}/${name}`)}`,
  kmsKey: (s: ArnScope, keyId: string) => `arn:aws:kms:${s.region}:${s.account}:key/${keyId}`,
  kmsAlias: (s: ArnScope, alias: string) => `arn:aws:kms:${s.region}:${s.account}:alias/${alias}`,
  containerInstance: (s: ArnScope, cluster: string, id: string) => `arn:aws:ecs:${s.region}:${s.account}:container-instance/${cluster}/${id}`,
  user: (account: string, userName: string) => `arn:aws:iam::${account}:user/${userName}`,
  role: (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`,
  mfa: (account: string, device: string) => `arn:aws:iam::${account}:mfa/${device}`,
  assumedRole: (account: string, role: string, session: string) => `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
} as const;

/** The last `/` segment of an ARN, or the input itself when it is a bare name/id. */
export function lastSegment(nameOrArn: string): string {
  const i = nameOrArn.lastIndexOf('/');
  return i >= 0 ? nameOrArn.slice(i + 1) : nameOrArn;
}

/** A stable uuid-shaped string derived from a seed (worlds must describe identically on every run). */
export function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** ECS container runtime ids look like `<taskId>-<10 digits>`. */
export function runtimeIdFor(taskId: string, containerName: string): string {
  const n = createHash('sha256').update(`${taskId}/${containerName}`).digest().readUInt32BE(0);
  return `${taskId}-${String(n).padStart(10, '0')}`;
}
