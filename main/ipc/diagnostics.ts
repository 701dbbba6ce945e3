// The `diagnostics` service: ECS Exec checker-style checks for a target, over main/aws.
import { plainly } from './plain-error.js';
import type { AwsService } from '../aws/aws-service.js';
import type { ServiceImpl } from './service.js';

export interface DiagnosticsServiceDeps {
  readonly aws: AwsService;
}

export function createDiagnosticsService({ aws }: DiagnosticsServiceDeps): ServiceImpl<'diagnostics'> {
  return {
    run: ({ target, runKey }, { client }) => {
      // The calling window knows the run by its runKey: it alone is told what the checks wait on.
      const waiting = runKey === undefined ? undefined : (helperWait: string | null): void => {
        if (!client.closed) client.emit('diagnostics', 'waiting', { runKey, helperWait });
      };
      return plainly(() => aws.diagnose(target, undefined, waiting));
    },
  };
}
