// The client's answers during the handshake (protocol §6.3, §6.5): one processed action per
// requested action, in request order, and the encryption challenge round trip.
import { KmsContext, type DataKeyProvider } from '../crypto/kms.js';
import { SessionCipher } from '../crypto/session-cipher.js';
import {
  ActionStatus,
  ActionType,
  buildChallenge,
  buildHandshakeResponse,
  HandshakeError,
  isSessionType,
  parseChallenge,
  type HandshakeRequest,
  type ProcessedAction,
  type SessionType,
} from './messages.js';

export interface HandshakeContext {
  readonly clientVersion: string;
  readonly sessionId: string;
  /** The StartSession Target (instance id or ecs:<cluster>_<task>_<runtime>); needed for KMS. */
  readonly target: string | undefined;
  readonly dataKeys: DataKeyProvider | undefined;
  /**
   * Opt in to ChallengeAcknowledgement when the request carries a Challenge: binds the data key
   * to this session's challenge through the third encryption-context entry (§6.6).
   */
  readonly challengeAcknowledgement: boolean;
}

export interface HandshakeOutcome {
  /** The HandshakeResponse payload (PT 6). */
  readonly response: Uint8Array;
  readonly agentVersion: string;
  readonly sessionType: SessionType | undefined;
  /** The SessionType action's Properties, as sent (null for shell types). */
  readonly properties: unknown;
  /** Present when KMSEncryption succeeded. */
  readonly cipher: SessionCipher | undefined;
  /** Error texts of actions that did not succeed (the agent then ends the session). */
  readonly errors: readonly string[];
}

export async function processHandshakeRequest(request: HandshakeRequest, ctx: HandshakeContext): Promise<HandshakeOutcome> {
  const processed: ProcessedAction[] = [];
  const errors: string[] = [];
  let sessionType: SessionType | undefined;
  let properties: unknown = null;
  let cipher: SessionCipher | undefined;
  const fail = (actionType: string, message: string, status: number = ActionStatus.Failed) => {
    errors.push(message);
    processed.push({ actionType, actionStatus: status, actionResult: null, error: message });
  };

  for (const action of request.actions) {
    if (action.actionType === ActionType.SessionType) {
      const type = action.parameters['sessiontype'];
      if (!isSessionType(type)) {
        fail(action.actionType, `Failed to process action SessionType: Unknown session type ${String(type)}`);
        continue;
      }
      sessionType = type;
      properties = action.parameters['properties'] ?? null;
      processed.push({ actionType: action.actionType, actionStatus: ActionStatus.Success, actionResult: null, error: '' });
    } else if (action.actionType === ActionType.KMSEncryption) {
      try {
        const result = await kmsAction(action.parameters, ctx);
        cipher = result.cipher;
        processed.push({ actionType: action.actionType, actionStatus: ActionStatus.Success, actionResult: result.actionResult, error: '' });
      } catch (error) {
        fail(action.actionType, `Failed to process action KMSEncryption: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      fail(action.actionType, `Unsupported action ${action.actionType}`, ActionStatus.Unsupported);
    }
  }
  return {
    response: buildHandshakeResponse(ctx.clientVersion, processed, errors),
    agentVersion: request.agentVersion,
    sessionType,
    properties,
    cipher,
    errors,
  };
}

async function kmsAction(parameters: Record<string, unknown>, ctx: HandshakeContext): Promise<{ cipher: SessionCipher; actionResult: Record<string, unknown> }> {
  const keyId = parameters['kmskeyid'];
  if (typeof keyId !== 'string' || keyId === '') throw new HandshakeError('no KMSKeyId in the request');
  if (!ctx.dataKeys) throw new HandshakeError('this client was started without KMS access');
  if (!ctx.target) throw new HandshakeError('the session target is unknown, so the encryption context cannot be built');
  const challenge = parameters['challenge'];
  const acknowledge = ctx.challengeAcknowledgement && typeof challenge === 'string' && challenge !== '';
  const encryptionContext: Record<string, string> = { [KmsContext.SESSION_ID]: ctx.sessionId, [KmsContext.TARGET_ID]: ctx.target };
  if (acknowledge) encryptionContext[KmsContext.RANDOM_CHALLENGE] = challenge;
  const key = await ctx.dataKeys.generateDataKey({ keyId, encryptionContext });
  const actionResult: Record<string, unknown> = { KMSCipherTextKey: Buffer.from(key.ciphertextBlob).toString('base64'), KMSCipherTextHash: null };
  if (acknowledge) actionResult['ChallengeAcknowledgement'] = true;
  return { cipher: new SessionCipher(key.plaintext), actionResult };
}

/** EncChallengeRequest → EncChallengeResponse: decrypt with the agent key, re-encrypt with ours. */
export function answerChallenge(cipher: SessionCipher, requestPayload: Uint8Array): Uint8Array {
  return buildChallenge(cipher.encrypt(cipher.decrypt(parseChallenge(requestPayload))));
}
