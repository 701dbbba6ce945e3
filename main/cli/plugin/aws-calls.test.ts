import { describe, expect, it } from 'vitest';
import { ssmEndpointFor } from './aws-calls.js';

describe('the SSM endpoint used for ResumeSession / TerminateSession (argv[6], §9, §10)', () => {
  it('uses an SSM, VPC or sandbox endpoint as given', () => {
    expect(ssmEndpointFor('https://ssm.us-east-1.amazonaws.com')).toBe('https://ssm.us-east-1.amazonaws.com');
    expect(ssmEndpointFor('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(ssmEndpointFor('https://vpce-0abc-ssm.us-east-1.vpce.amazonaws.com')).toBe('https://vpce-0abc-ssm.us-east-1.vpce.amazonaws.com');
  });

  it("leaves ECS Exec's ECS endpoint to the SDK's SSM default (ResumeSession does not exist on ECS)", () => {
    expect(ssmEndpointFor('https://ecs.eu-west-1.amazonaws.com')).toBeUndefined();
    expect(ssmEndpointFor('https://ecs-fips.us-east-1.amazonaws.com')).toBeUndefined();
  });

  it('no or unparsable endpoint: the SDK default', () => {
    expect(ssmEndpointFor('')).toBeUndefined();
    expect(ssmEndpointFor('not a url')).toBeUndefined();
  });
});
