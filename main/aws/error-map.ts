/**
 * Turns whatever the SDK or a credential provider threw into an `AwsError` with a plain sentence and
 * a next step. Rules match on the error name first (stable across SDK versions), then on message text
 * for the errors AWS only distinguishes by wording (research/peers.md §5.2). An answer the SDK could
 * not read (HTML or XML where JSON was expected) is worded by its HTTP status and whatever error code
 * its body names (error-facts.ts); its raw text goes to the details, never into the sentence.
 */
import { ENABLE_EXEC_COMMAND, notConnectedAdvice, pluginMissingAdvice } from '../../shared/messages/aws-advice.js';
import { KNOWN_AWS_REGIONS, OPT_IN_AWS_REGIONS } from '../../shared/aws-regions.js';
import { factsOf, statusWords, type Facts } from './error-facts.js';
import { AwsError, type AwsErrorCode, type AwsErrorContext } from './errors.js';

const NAMES: ReadonlyArray<readonly [AwsErrorCode, readonly string[]]> = [
  ['expired-credentials', ['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']],
  ['invalid-credentials', ['RequestTimeTooSkewed', 'RequestInTheFuture', 'UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'AuthFailure', 'IncompleteSignature', 'MissingAuthenticationToken']],
  ['access-denied', ['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException', 'ClientException-AccessDenied']],
  ['throttled', ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'ThrottledException', 'SlowDown']],
  ['target-not-connected', ['TargetNotConnectedException', 'TargetNotConnected']],
  ['not-found', ['ClusterNotFoundException', 'ServiceNotFoundException', 'InvalidInstanceId', 'InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed', 'DoesNotExistException', 'ResourceNotFoundException', 'NotFoundException', 'InvalidDocument']],
  ['service-unavailable', ['ServiceUnavailable', 'ServiceUnavailableException', 'InternalServerError', 'InternalFailure', 'ServerException', 'InternalServerException']],
];

/** The SDK's words for a profile its settings cannot work with (each worded by configMistake). */
const SOURCE_LOOP = /Detected a cycle attempting to resolve credentials for profile \S+\. Profiles visited: (.*)$/;
const SSO_INCOMPLETE = /configured with invalid SSO credentials\. Required parameters (.*?)\. Got ([^\n]*)/;
const UNKNOWN_SOURCE = /Unsupported credential source in profile/;
const CONFIG_MISTAKES: readonly RegExp[] = [SOURCE_LOOP, SSO_INCOMPLETE, UNKNOWN_SOURCE];

/** `"a", "b"` → `a and b`; `a, b, c` → `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** A profile the SDK cannot use as written: which setting and how to fix it. */
function configMistake(message: string, p: string): { sentence: string; nextStep: string } | undefined {
  const loop = SOURCE_LOOP.exec(message);
  if (loop) {
    return {
      sentence: `Profile "${p}" cannot get credentials: its source_profile chain leads back to a profile already in it (${loop[1]?.trim() ?? p}).`,
      nextStep: `End the chain at a profile that has keys, SSO, credential_process or credential_source: check source_profile of profile "${p}" and of the profiles it names.`,
    };
  }
  const sso = SSO_INCOMPLETE.exec(message);
  if (sso) {
    const required = (sso[1] ?? '').split(',').map((x) => x.trim().replace(/^"|"$/g, '')).filter(Boolean);
    const got = new Set((sso[2] ?? '').split(',').map((x) => x.trim()));
    const missing = required.filter((k) => !got.has(k));
    return {
      sentence: `SSO profile "${p}" is missing ${missing.length > 0 ? listed(missing) : 'settings the SDK needs'}.`,
      nextStep: `Add ${missing.length === 1 ? 'it' : 'them'} to profile "${p}" (or its sso-session section) in ~/.aws/config; aws configure sso --profile ${p} writes them all.`,
    };
  }
  if (UNKNOWN_SOURCE.test(message)) {
    return {
      sentence: `Profile "${p}" has a credential_source the AWS SDK does not support.`,
      nextStep: `Set credential_source of profile "${p}" to EcsContainer, Ec2InstanceMetadata or Environment, or use source_profile instead.`,
    };
  }
  return undefined;
}

/** A signature dated too far from AWS's clock (SigV4 allows 15 minutes): the computer's clock, not the keys. */
const CLOCK_OFF = /Signature expired|Signature not yet current|RequestTimeTooSkewed|RequestInTheFuture|difference between the request time and the (current|server's) time is too large/i;

/** Host names of AWS's own endpoints; any other host is an endpoint_url (a VPC endpoint, a proxy, a local stand-in). */
const AWS_HOST = /\.(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/i;

/** True when the failed call went to an endpoint the profile configures rather than AWS's own. */
function customEndpoint(f: Facts): boolean {
  // The call's trace has the URL; a bare DNS error names the host ("getaddrinfo ENOTFOUND <host>").
  let host = /ENOTFOUND (\S+)/.exec(f.message)?.[1];
  const url = f.details?.endpoint;
  if (url) {
    try {
      host = new URL(url).hostname;
    } catch {
      // Keep the host from the message.
    }
  }
  return host !== undefined && !AWS_HOST.test(host);
}

/** Partitions KNOWN_AWS_REGIONS does not list (GovCloud, China, the isolated ones): not typos. */
const OTHER_PARTITION = /^(us-gov|cn|us-iso[a-z]?|eu-iso[a-z]?)-/;

/** A region code AWS does not have (a typo in region =), so a name lookup failing there says so. */
function unknownRegion(region: string | undefined): region is string {
  return region !== undefined && !KNOWN_AWS_REGIONS.includes(region) && !OTHER_PARTITION.test(region);
}

const NETWORK_ERRNOS = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'EPIPE'];

function classify(f: Facts): AwsErrorCode {
  const m = f.message;
  if (/execute command was not enabled|execute command agent isn't running/i.test(m)) return 'exec-not-enabled';
  if (/Interactive is the only mode supported/i.test(m)) return 'interactive-only';
  // Session-setup failures reported by the agent or engine (research/peers.md §5.2).
  if (/handshake timed out/i.test(m)) return 'handshake-timeout';
  if (/Plugin with name \S+ (not found|is not supported)/i.test(m)) return 'agent-plugin-missing';
  if (/encryption is not set up on the selected CloudWatch Logs log group/i.test(m)) return 'log-encryption';
  if (/SSO session.*(expired|invalid)|SSO session token|Token is expired\. To refresh|sso login/i.test(m)) return 'sso-login-required';
  // STS AssumeRole's wording for a wrong code or a serial that is not the caller's device.
  if (/MultiFactorAuthentication failed/i.test(m)) return 'mfa-rejected';
  if (/multi-factor authentication|MFA code/i.test(m)) return 'mfa-required';
  // fromProcess reports a failing command as "Command failed: <cmd>\n<stderr>".
  if (/credential_process/i.test(m) || (f.name === 'CredentialsProviderError' && /^Command failed:/.test(m))) return 'credential-process-failed';
  if (/Could not resolve credentials using profile|Profile .* (was not found|could not be found)/i.test(m)) return 'profile-not-found';
  if (CONFIG_MISTAKES.some((r) => r.test(m))) return 'config-invalid';
  if (/services section .* not present/i.test(m)) return 'config-invalid';
  if (/Region is missing/i.test(m)) return 'no-region';
  for (const [code, names] of NAMES) if (names.includes(f.name)) return code;
  if (f.unreadable && f.status !== undefined) return byStatus(f.status);
  if (/not authorized to perform|AccessDenied/i.test(m)) return 'access-denied';
  if (/Rate exceeded|throttl/i.test(m)) return 'throttled';
  if (NETWORK_ERRNOS.includes(f.errno) || f.name === 'TimeoutError' || /ECONNREFUSED|socket hang up/.test(m)) return 'endpoint-unreachable';
  if (f.name === 'CredentialsProviderError' || /Could not load credentials|credentials/i.test(m)) return 'no-credentials';
  if (f.name === 'InvalidParameterException' || f.name === 'ValidationException' || f.name === 'InvalidRequestException') return 'invalid-request';
  if (f.status !== undefined && f.status >= 500) return 'service-unavailable';
  return 'unknown';
}

function byStatus(status: number): AwsErrorCode {
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 429) return 'throttled';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'service-unavailable';
  return 'unknown';
}

/** "AWS answered HTTP 500 (server error) to ECS ExecuteCommand." */
function httpSentence(f: Facts, ctx: AwsErrorContext): string {
  const op = f.details?.operation ?? ctx.operation;
  const code = f.details?.code ? `, ${f.details.code}` : '';
  return `AWS answered HTTP ${f.status ?? '?'} (${statusWords(f.status ?? 0)}${code}) to ${op ?? 'a request'}${ctx.region ? ` in ${ctx.region}` : ''}.`;
}

function where(ctx: AwsErrorContext): string {
  const parts = [ctx.operation, ctx.region ? `in ${ctx.region}` : undefined, ctx.profile ? `with profile "${ctx.profile}"` : undefined];
  return parts.filter(Boolean).join(' ');
}

/** The action named in an AccessDenied message ("… not authorized to perform: ecs:ListClusters …"). */
function deniedAction(message: string): string | undefined {
  return /perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
}

/** The profile fromIni could not resolve ("Could not resolve credentials using profile: [nope] in …"). */
function unresolvedProfile(message: string): string | undefined {
  return /using profile: \[([^\]]+)\]/.exec(message)?.[1];
}

function words(code: AwsErrorCode, f: Facts, ctx: AwsErrorContext): { sentence: string; nextStep: string } {
  const p = ctx.profile ?? 'default';
  const at = where(ctx);
  const login = `Sign in with SSO (from the error or the profile's menu), or run aws sso login --profile ${p} in a terminal, then refresh.`;
  switch (code) {
    case 'expired-credentials':
      // EC2's RequestExpired is a request dated too far from its clock as often as an expired token.
      if (f.name === 'RequestExpired') return { sentence: `AWS refused the request as expired: this computer's clock is off, or the temporary credentials of profile "${p}" have expired.`, nextStep: ctx.sso ? `Check that this computer's clock is right (turn on automatic time). If it is: ${login}` : `Check that this computer's clock is right (turn on automatic time), then refresh the credentials of profile "${p}".` };
      return { sentence: `The credentials of profile "${p}" have expired.`, nextStep: ctx.sso ? login : `Refresh the credentials of profile "${p}" (new keys, a new session token or a new MFA code), then refresh.` };
    case 'invalid-credentials':
      if (CLOCK_OFF.test(`${f.name} ${f.message}`)) return { sentence: `AWS refused the request's signature because this computer's clock is off by more than 15 minutes${at ? ` (${at})` : ''}.`, nextStep: 'Set the clock to the right time (turn on automatic time and time zone), then refresh.' };
      if (ctx.region !== undefined && OPT_IN_AWS_REGIONS.has(ctx.region)) {
        // A bad signature is a wrong secret far more often than a region not enabled: keys first.
        if (f.name === 'SignatureDoesNotMatch' || f.name === 'InvalidSignatureException') {
          return { sentence: `AWS did not accept the signature made with the credentials of profile "${p}" in ${ctx.region}: the secret key is likely wrong, or the region is not enabled for the account.`, nextStep: `Check the secret access key of profile "${p}"; if it is right, check that ${ctx.region} is enabled for the account (AWS console: Account, AWS Regions).` };
        }
        return { sentence: `AWS did not accept the credentials of profile "${p}" in ${ctx.region}, a region an account must enable before use.`, nextStep: `Check that ${ctx.region} is enabled for the account (AWS console: Account, AWS Regions); if it is, check the access key and secret of profile "${p}".` };
      }
      return { sentence: `AWS did not recognise the credentials of profile "${p}".`, nextStep: `Check the access key and secret of profile "${p}" (they may be deleted, mistyped or for another partition).` };
    case 'no-credentials':
      return { sentence: `No credentials could be found for profile "${p}".`, nextStep: 'Add keys, SSO or a role to the profile in ~/.aws/config or ~/.aws/credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.' };
    case 'sso-login-required':
      return { sentence: `The SSO login of profile "${p}" is missing or has expired.`, nextStep: login };
    case 'mfa-required':
      return { sentence: `Profile "${p}" needs an MFA code and none was given.`, nextStep: 'Enter the current code from your MFA device when asked.' };
    case 'mfa-rejected':
      return { sentence: `AWS did not accept the MFA code for profile "${p}".`, nextStep: `Enter the code your MFA device shows now (codes change every 30 seconds), and check that mfa_serial of profile "${p}" names your device.` };
    case 'credential-process-failed':
      return { sentence: `The credential_process of profile "${p}" failed.`, nextStep: 'Run the command from the profile in a terminal to see its error; it must print Version 1 JSON with unexpired keys.' };
    case 'profile-not-found': {
      // A role profile whose source_profile is missing fails with the source's name, not its own.
      const source = unresolvedProfile(f.message);
      if (source !== undefined && source !== p) {
        return {
          sentence: `Profile "${p}" takes its credentials from profile "${source}", which is missing or incomplete in the AWS config files.`,
          nextStep: `Add profile "${source}" to ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), or correct source_profile of profile "${p}".`,
        };
      }
      return { sentence: `Profile "${p}" is missing or incomplete in the AWS config files.`, nextStep: 'Check the profile in ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).' };
    }
    case 'no-region':
      return { sentence: `Profile "${p}" has no region.`, nextStep: `Add "region = us-east-1" (or your region) to profile "${p}", or set AWS_REGION.` };
    case 'config-invalid':
      return configMistake(f.message, p) ?? { sentence: `The AWS config for profile "${p}" is inconsistent.`, nextStep: 'Fix the section named in the details in ~/.aws/config.' };
    case 'access-denied': {
      const action = deniedAction(f.message);
      if (!action && f.status !== undefined && f.details?.operation) return { sentence: httpSentence(f, ctx), nextStep: `Ask an administrator to allow ${f.details.operation} for your identity, or pick a profile/role that has it.` };
      return { sentence: `AWS denied ${action ?? 'the request'}${at ? ` (${at})` : ''}.`, nextStep: `Ask an administrator to allow ${action ?? 'this action'} for your identity, or pick a profile/role that has it.` };
    }
    case 'throttled':
      return { sentence: `AWS is throttling requests${at ? ` (${at})` : ''}; retries ran out.`, nextStep: 'Wait a few seconds and refresh; fewer open profiles or regions lowers the request rate.' };
    case 'target-not-connected': {
      const what = ctx.targetKind === 'instance' ? 'The instance' : ctx.targetKind === 'ecs-container' ? 'The container' : 'The target';
      return { sentence: `${what} is not connected to Session Manager, so no session could start.`, nextStep: notConnectedAdvice(ctx.targetKind) };
    }
    case 'exec-not-enabled':
      return { sentence: 'ECS Exec is not available on this task: it was started without execute command, or its exec agent is not running.', nextStep: `${ENABLE_EXEC_COMMAND} If it was enabled, wait for the exec agent to reach RUNNING.` };
    case 'interactive-only':
      return { sentence: 'ECS Exec only supports interactive commands.', nextStep: 'Run the command in an interactive session.' };
    case 'handshake-timeout':
      return { sentence: 'The session handshake timed out.', nextStep: 'Usually KMS: your identity needs kms:GenerateDataKey on the session key, or the network blocks the ssmmessages endpoint. Run diagnostics.' };
    case 'agent-plugin-missing':
      return { sentence: 'The agent on the target cannot run this kind of session.', nextStep: pluginMissingAdvice(ctx.targetKind) };
    case 'log-encryption':
      return { sentence: 'Session logging needs an encrypted CloudWatch Logs group, and the configured one is not encrypted.', nextStep: "Encrypt the log group with KMS, or turn off cloudWatchEncryptionEnabled in the cluster's execute command configuration." };
    case 'not-found':
      return { sentence: `The resource no longer exists${at ? ` (${at})` : ''}.`, nextStep: 'Refresh the tree; it may have been stopped or deleted.' };
    case 'invalid-request':
      return { sentence: `AWS rejected the request${at ? ` (${at})` : ''}.`, nextStep: 'Check the details; refresh the tree in case the target changed.' };
    case 'endpoint-unreachable':
      // No DNS name for the endpoint: most often a region that does not exist (a typo in region =).
      // Only a region AWS does not have, on AWS's own endpoint, points at the spelling; else (offline,
      // an endpoint_url or VPC endpoint only the VPN resolves) the network comes first.
      if (f.errno === 'ENOTFOUND' && unknownRegion(ctx.region) && !customEndpoint(f)) return { sentence: `No AWS endpoint answers to its name${at ? ` (${at})` : ''}: the address could not be found.`, nextStep: `Check that region "${ctx.region}" exists and is spelled right (the region of profile "${p}" or the one added to the tree), then the endpoint_url of the profile if it sets one, and your network, DNS or proxy.` };
      if (f.errno === 'ENOTFOUND') return { sentence: `No AWS endpoint answers to its name${at ? ` (${at})` : ''}: the address could not be found.`, nextStep: `Check your network connection, VPN and DNS (an endpoint_url or VPC endpoint may resolve only on the VPN), then the endpoint_url of profile "${p}" if it sets one${ctx.region ? ` and its region "${ctx.region}"` : ''}.` };
      if (f.name === 'TimeoutError') return { sentence: `The AWS endpoint did not answer in time${at ? ` (${at})` : ''}.`, nextStep: 'Check your network, VPN or proxy (or the endpoint_url configured for the profile), then refresh.' };
      return { sentence: `The AWS endpoint could not be reached${at ? ` (${at})` : ''}.`, nextStep: 'Check your network, proxy or the endpoint_url configured for the profile.' };
    case 'service-unavailable':
      if (f.status !== undefined) return { sentence: httpSentence(f, ctx), nextStep: 'Try again in a moment; if it keeps failing, the endpoint has a problem (the details show what it answered).' };
      return { sentence: `AWS answered with a server error${at ? ` (${at})` : ''}.`, nextStep: 'Try again in a moment.' };
    case 'unknown':
      if (f.unreadable) return { sentence: httpSentence(f, ctx), nextStep: 'See the details for what the endpoint answered; refresh to try again.' };
      return { sentence: `An AWS request failed${at ? ` (${at})` : ''}.`, nextStep: 'See the details; refresh to try again.' };
  }
}

/** Map anything thrown by the SDK (or already an AwsError) to an AwsError with plain words. */
export function toAwsError(err: unknown, ctx: AwsErrorContext = {}): AwsError {
  if (err instanceof AwsError) return err;
  const f = factsOf(err);
  const code = classify(f);
  const { sentence, nextStep } = words(code, f, ctx);
  const detail = f.unreadable ? `HTTP ${f.status ?? '?'}${f.details?.code ? ` ${f.details.code}` : ''}` : f.message ? `${f.name}: ${f.message}` : f.name;
  return new AwsError({ code, sentence, nextStep, detail, retryable: code === 'throttled' || code === 'service-unavailable', context: ctx, ...(f.details ? { details: f.details } : {}) });
}
