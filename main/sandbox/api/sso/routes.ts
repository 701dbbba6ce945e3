/**
 * The SSO OIDC (restJson: /client/register, /device_authorization, /token) and SSO portal
 * (/federation/credentials) endpoints, plus the verification page a person opens to allow a
 * device sign-in. As in AWS, the OIDC calls are unsigned (their client id/secret and device code
 * authenticate them) and the portal takes the access token in `x-amz-sso_bearer_token`; they are
 * never SigV4-signed. A device authorization names the run's start URL, which only the sandbox's
 * 0600 config file holds (so a caller who cannot read it cannot sign in and take role credentials),
 * and the verification page never shows it. The approval form refuses cross-site posts (Origin must be the sandbox's).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { arn } from '../../world/arns.js';
import { uniqueId } from '../sts/issued-credentials.js';
import type { ApiDeps } from '../context.js';
import { SSO_SANDBOX, type SsoState } from './sso-state.js';

const JSON_TYPE = 'application/json';

function sendJson(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", 'x-frame-options': 'DENY' });
  res.end(html);
}

/** OIDC errors: the OAuth `error` in the body, the exception name in the header the SDKs read. */
const OIDC_ERRORS: Readonly<Record<string, readonly [number, string, string]>> = {
  authorization_pending: [400, 'AuthorizationPendingException', 'Authorization is still pending: approve the user code on the verification page.'],
  expired_token: [400, 'ExpiredTokenException', 'The device code has expired; start the sign-in again.'],
  invalid_grant: [400, 'InvalidGrantException', 'Invalid grant provided.'],
  invalid_client: [401, 'InvalidClientException', 'Invalid client provided.'],
  invalid_request: [400, 'InvalidRequestException', 'The request is missing a required member.'],
};

function oidcError(res: ServerResponse, error: keyof typeof OIDC_ERRORS, detail?: string): void {
  const [status, type, description] = OIDC_ERRORS[error] ?? [400, 'InvalidRequestException', 'Invalid request.'];
  sendJson(res, status, { error, error_description: detail ?? description }, type);
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(body.toString('utf8') || '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>body{font:15px system-ui,sans-serif;margin:3em auto;max-width:32em;color:#1f2329}code{font-size:1.4em;letter-spacing:.1em}button{font:inherit;padding:.4em 1.2em}</style></head><body>${body}</body></html>`;
}

export interface SsoRouteDeps {
  readonly sso: SsoState;
  readonly api: Pick<ApiDeps, 'world' | 'issued'>;
}

/** Handles the request when it is an SSO route; false otherwise (the AWS API takes it). */
export function handleSso(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, deps: SsoRouteDeps): boolean {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const { sso } = deps;
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  switch (route) {
    case 'POST /client/register': {
      const c = sso.registerClient();
      const now = Math.floor(Date.now() / 1000);
      sendJson(res, 200, { clientId: c.clientId, clientSecret: c.clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: Math.floor(c.expiresAt / 1000) });
      return true;
    }
    case 'POST /device_authorization': {
      const b = parse(body);
      if (!sso.validClient(str(b['clientId']), str(b['clientSecret']))) return (oidcError(res, 'invalid_client'), true);
      if (!str(b['startUrl'])) return (oidcError(res, 'invalid_request'), true);
      // The start URL is this run's secret (only in the 0600 config file): without it, no sign-in.
      if (str(b['startUrl']) !== sso.startUrl) return (oidcError(res, 'invalid_request', "The start URL is not this sandbox's IAM Identity Center: use the sso_start_url of its config file."), true);
      const d = sso.startDeviceAuthorization(str(b['clientId']), str(b['startUrl']));
      const verificationUri = `${origin}/sso/device`;
      sendJson(res, 200, { deviceCode: d.deviceCode, userCode: d.userCode, verificationUri, verificationUriComplete: `${verificationUri}?user_code=${d.userCode}`, expiresIn: SSO_SANDBOX.deviceCodeSeconds, interval: SSO_SANDBOX.pollIntervalSeconds });
      return true;
    }
    case 'POST /token': {
      const b = parse(body);
      if (!sso.validClient(str(b['clientId']), str(b['clientSecret']))) return (oidcError(res, 'invalid_client'), true);
      if (str(b['grantType']) !== 'urn:ietf:params:oauth:grant-type:device_code') return (oidcError(res, 'invalid_grant'), true);
      const t = sso.createToken(str(b['clientId']), str(b['deviceCode']));
      if (!t.ok) return (oidcError(res, t.error), true);
      sendJson(res, 200, { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: t.expiresIn, refreshToken: t.refreshToken });
      return true;
    }
    case 'GET /federation/credentials': {
      const bearer = req.headers['x-amz-sso_bearer_token'];
      if (typeof bearer !== 'string' || !sso.validToken(bearer)) {
        sendJson(res, 401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
        return true;
      }
      const accountId = url.searchParams.get('account_id') ?? '';
      const roleName = url.searchParams.get('role_name') ?? '';
      const account = deps.api.world.accountById(accountId);
      if (!account || roleName !== SSO_SANDBOX.roleName) {
        sendJson(res, 403, { message: 'No access' }, 'ForbiddenException');
        return true;
      }
      const role = `AWSReservedSSO_${roleName}_0123456789abcdef`;
      const secret = deps.api.issued.issue({ accountId, arn: arn.assumedRole(accountId, role, account.userName), userId: `${uniqueId('AROA', `${accountId}/role/${role}`)}:${account.userName}` }, SSO_SANDBOX.roleCredentialSeconds);
      sendJson(res, 200, { roleCredentials: { accessKeyId: secret.accessKeyId, secretAccessKey: secret.secretAccessKey, sessionToken: secret.sessionToken, expiration: secret.expiration.getTime() } });
      return true;
    }
    case 'GET /sso/device': {
      const code = url.searchParams.get('user_code') ?? '';
      const p = sso.pending(code);
      if (!p) return (sendHtml(res, 404, page('Sign-in request not found', '<h1>Sign-in request not found</h1><p>The code is unknown or has expired. Start the sign-in again.</p>')), true);
      sendHtml(res, 200, page('Allow sign-in', `<h1>Porthole sandbox sign-in</h1><p>Allow access to the sandbox's IAM Identity Center for the request showing this code:</p><p><code data-user-code>${esc(code)}</code></p><form method="post" action="/sso/device/approve"><input type="hidden" name="user_code" value="${esc(code)}"><button type="submit">Allow</button></form>`));
      return true;
    }
    case 'POST /sso/device/approve': {
      // A browser page elsewhere must not approve a sign-in: posts carry the sandbox's own Origin.
      const from = req.headers.origin;
      if (from !== undefined && from !== origin) return (sendHtml(res, 403, page('Refused', '<h1>Refused</h1>')), true);
      const code = new URLSearchParams(body.toString('utf8')).get('user_code') ?? '';
      if (!sso.approve(code)) return (sendHtml(res, 404, page('Sign-in request not found', '<h1>Sign-in request not found</h1>')), true);
      sendHtml(res, 200, page('Request approved', '<h1>Request approved</h1><p>You can close this window and return to the application.</p>'));
      return true;
    }
    default:
      return false;
  }
}
