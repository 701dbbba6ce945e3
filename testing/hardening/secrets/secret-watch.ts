/**
 * Collects the sandbox's secrets while a scenario runs — the static secret access key, every
 * session TokenValue the registry hands out (resumes issue new ones), and every KMS data key
 * (plaintext and ciphertext blob) — and finds them in captured text, in the forms they could
 * leak in (as is, base64, hex).
 */
import type { Sandbox } from '../../../main/sandbox/index.js';

export interface Secret {
  readonly kind: string;
  /** Strings to look for; any one found is a leak. */
  readonly forms: readonly string[];
}

export interface Leak {
  readonly kind: string;
  readonly where: string;
  readonly excerpt: string;
}

/** Registry polling period: short enough to see every token before the next resume replaces it. */
const POLL_MS = 5;
/** Characters of context around a found secret in a report. */
const EXCERPT = 40;

function bytesForms(b: Buffer): string[] {
  return [b.toString('base64'), b.toString('hex'), b.toString('latin1')];
}

export class SecretWatch {
  readonly #tokens = new Set<string>();
  readonly #dataKeys: Array<{ plaintext: Buffer; ciphertextBlob: Buffer }> = [];
  readonly #timer: NodeJS.Timeout;
  readonly #restoreKms: () => void;

  constructor(private readonly sandbox: Sandbox) {
    this.#timer = setInterval(() => this.poll(), POLL_MS);
    const kms = sandbox.kms;
    const original = kms.generateDataKey.bind(kms);
    kms.generateDataKey = (keyArn, numberOfBytes, context) => {
      const key = original(keyArn, numberOfBytes, context);
      this.#dataKeys.push(key);
      return key;
    };
    this.#restoreKms = () => {
      kms.generateDataKey = original;
    };
  }

  /** Reads the registry's current tokens now (call after each step too). */
  poll(): void {
    for (const s of this.sandbox.registry.list()) this.#tokens.add(s.tokenValue);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#restoreKms();
    this.poll();
  }

  get tokenCount(): number {
    return this.#tokens.size;
  }

  get dataKeyCount(): number {
    return this.#dataKeys.length;
  }

  secrets(): Secret[] {
    return [
      { kind: 'secret access key', forms: [this.sandbox.secretAccessKey] },
      ...[...this.#tokens].map((t) => ({ kind: 'session TokenValue', forms: [t] })),
      ...this.#dataKeys.flatMap((k) => [
        { kind: 'KMS data key plaintext', forms: bytesForms(k.plaintext) },
        { kind: 'KMS data key ciphertext blob', forms: bytesForms(k.ciphertextBlob) },
      ]),
    ];
  }
}

/** Every occurrence of any secret in any haystack. */
export function findLeaks(secrets: readonly Secret[], haystacks: ReadonlyArray<{ readonly where: string; readonly text: string }>): Leak[] {
  const leaks: Leak[] = [];
  for (const h of haystacks) {
    for (const s of secrets) {
      for (const form of s.forms) {
        const at = form.length > 0 ? h.text.indexOf(form) : -1;
        if (at >= 0) leaks.push({ kind: s.kind, where: h.where, excerpt: h.text.slice(Math.max(0, at - EXCERPT), at + form.length + EXCERPT) });
      }
    }
  }
  return leaks;
}
