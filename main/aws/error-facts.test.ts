// The call details a failed AWS call shows (renderer-bound) never carry a credential, whatever
// shape the answer echoed it in: JSON members, query strings, INI lines or XML elements (STS and
// the SSO portal answer credentials; a body that fails to parse is shown raw).
import { describe, expect, it } from 'vitest';
import { redact } from './error-facts.js';

const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';

describe('redact', () => {
  it.each([
    ['STS XML', `<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${SECRET}</SessionToken></Credentials>`],
    ['JSON members', `{"secretAccessKey":"${SECRET}","sessionToken":"${SECRET}","accessToken":"${SECRET}","refreshToken":"${SECRET}","clientSecret":"${SECRET}"}`],
    ['JSON with spaces', `{ "SecretAccessKey" : "${SECRET}" }`],
    ['query string', `https://x/?X-Amz-Security-Token=${SECRET}&X-Amz-Signature=0123456789abcdef0123456789abcdef`],
    ['INI', `aws_secret_access_key = ${SECRET}\naws_session_token = ${SECRET}`],
  ])('takes the secret out of %s', (_shape, text) => {
    const out = redact(text);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('[redacted]');
  });

  it('leaves the rest of an answer as it was', () => {
    const text = '<ErrorResponse><Error><Code>AccessDenied</Code><Message>User arn:aws:iam::1:user/x is not authorized</Message></Error></ErrorResponse>';
    expect(redact(text)).toBe(text);
  });
});
