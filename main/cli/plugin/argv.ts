// The real plugin's command line (protocol §11, §10), parsed into a value:
//   session-manager-plugin                                   → "installed" message
//   session-manager-plugin --version                         → version
//   session-manager-plugin X [Y]                             → "Unknown operation X"
//   session-manager-plugin RESPONSE REGION OP                → legacy form (no KMS)
//   session-manager-plugin RESPONSE REGION OP PROFILE [PARAMS [ENDPOINT]]
// RESPONSE is the StartSession/ExecuteCommand response JSON, or the name of an environment variable
// starting AWS_SSM_START_SESSION_RESPONSE that holds it (read, then unset). JSON keys match
// case-insensitively, as Go's decoder does (ECS Exec passes sessionId/streamUrl/tokenValue).

/** Prefix of the environment variable the AWS CLI uses for the response (plugin > 1.2.497.0). */
export const RESPONSE_ENV_PREFIX = 'AWS_SSM_START_SESSION_RESPONSE';
/** The only operation the plugin accepts. */
export const START_SESSION = 'StartSession';

export interface StartSessionResponse {
  sessionId: string;
  tokenValue: string;
  streamUrl: string;
}

export interface StartRequest {
  response: StartSessionResponse;
  region: string;
  profile: string;
  /** argv[5]'s Target: `i-…`, `mi-…` or `ecs:<cluster>_<task>_<runtimeId>`; '' in the legacy form. */
  target: string;
  documentName: string | undefined;
  parameters: Record<string, string[]> | undefined;
  /** argv[6]: the endpoint for ResumeSession/TerminateSession; '' when absent. */
  endpoint: string;
  /** The 4-argument form: works, but KMS encryption is refused (§6.3). */
  legacy: boolean;
}

export type PluginInvocation =
  | { kind: 'installed' }
  | { kind: 'version' }
  | { kind: 'unknown-operation'; operation: string }
  | { kind: 'invalid-operation'; operation: string }
  | { kind: 'error'; message: string }
  | { kind: 'start'; request: StartRequest };

/** Case-insensitive property lookup (Go's encoding/json matching). */
export function getKey(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const record = obj as Record<string, unknown>;
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : record[found];
}

/** `notJson` is the whole phrase ("the session response is not valid JSON"), so plurals read right. */
function parseJson(text: string, notJson: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: `${notJson}: ${(err as Error).message}` };
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function parseParameters(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  }
  return out;
}

/** Parses argv without argv[0] (the program name). `env` is read and the response variable deleted from it. */
export function parsePluginArgs(args: readonly string[], env: NodeJS.ProcessEnv): PluginInvocation {
  if (args.length === 0) return { kind: 'installed' };
  if (args.length === 1 && args[0] === '--version') return { kind: 'version' };
  if (args.length < 3) return { kind: 'unknown-operation', operation: args[0] ?? '' };

  const [first = '', region = '', operation = '', profile = '', paramsJson, endpoint = ''] = args;
  let responseText = first;
  if (first.startsWith(RESPONSE_ENV_PREFIX)) {
    const value = env[first];
    delete env[first]; // the plugin unsets it after reading so child processes never see the token
    if (value === undefined) return { kind: 'error', message: `environment variable ${first} is not set` };
    responseText = value;
  }
  if (operation !== START_SESSION) return { kind: 'invalid-operation', operation };

  const parsed = parseJson(responseText, 'the session response is not valid JSON');
  if (!parsed.ok) return { kind: 'error', message: parsed.message };
  const response: StartSessionResponse = {
    sessionId: str(getKey(parsed.value, 'SessionId')),
    tokenValue: str(getKey(parsed.value, 'TokenValue')),
    streamUrl: str(getKey(parsed.value, 'StreamUrl')),
  };
  if (!response.sessionId || !response.streamUrl) {
    return { kind: 'error', message: 'the session response has no SessionId or StreamUrl' };
  }

  let target = '';
  let documentName: string | undefined;
  let parameters: Record<string, string[]> | undefined;
  if (paramsJson !== undefined && paramsJson !== '') {
    const params = parseJson(paramsJson, 'the session parameters are not valid JSON');
    if (!params.ok) return { kind: 'error', message: params.message };
    target = str(getKey(params.value, 'Target'));
    if (!target) return { kind: 'error', message: 'the session parameters have no Target' };
    documentName = str(getKey(params.value, 'DocumentName')) || undefined;
    parameters = parseParameters(getKey(params.value, 'Parameters'));
  }
  return {
    kind: 'start',
    request: { response, region, profile, target, documentName, parameters, endpoint, legacy: args.length === 3 },
  };
}
