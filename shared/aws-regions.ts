// The AWS region codes offered when adding a region to a profile (the commercial partition as of
// 2026). Only a suggestion list: any code RegionSchema accepts can be added (GovCloud, China, newer ones).
export const KNOWN_AWS_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1',
  'sa-east-1',
];

/**
 * Regions an account must enable before use (those AWS launched after March 2019). In one that is
 * not enabled, AWS answers every call as if the keys were wrong ("The security token included in
 * the request is invalid"), so the error names the region instead of blaming the keys alone.
 */
export const OPT_IN_AWS_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
]);
