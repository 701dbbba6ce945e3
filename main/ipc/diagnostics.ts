// The `diagnostics` service: ECS Exec checker-style checks for a target, over main/aws.
import { plainly } from './plain-error.js';
import type { AwsService } from '../aws/aws-service.js';
import type { ServiceImpl } from './service.js';

export interface DiagnosticsServiceDeps {
  readonly aws: AwsService;
}

export function createDiagnosticsService({ aws }: DiagnosticsServiceDeps): ServiceImpl<'diagnostics'> {
  return {
    run: ({ target }) => plainly(() => aws.diagnose(target)),
  };
}
