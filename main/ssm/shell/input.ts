// Shell input shaping (protocol §7.2): ≤ 1024-byte Output messages, the Enter quirk, and the
// terminal size payload.

export const ShellInput = {
  /** Largest input payload, the plugin's stdin read size (StreamDataPayloadSize). */
  MAX_CHUNK_BYTES: 1024,
  LF: 0x0a,
  CR: 0x0d,
} as const;

/**
 * Split one write into ≤ 1024-byte payloads. A write that is exactly one LF becomes CR, as the
 * plugin rewrites a lone 0x0A keystroke (§7.2 item 4); longer writes (pastes) are untouched.
 */
export function inputChunks(data: Uint8Array): Uint8Array[] {
  if (data.length === 1 && data[0] === ShellInput.LF) return [Uint8Array.of(ShellInput.CR)];
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += ShellInput.MAX_CHUNK_BYTES) {
    chunks.push(data.slice(at, at + ShellInput.MAX_CHUNK_BYTES));
  }
  return chunks;
}

/** PT 3 payload: {"cols":W,"rows":H}. */
export function sizePayload(cols: number, rows: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ cols, rows }));
}

/** PT 12 payload `EXIT_CODE: <n>` → n; undefined when it does not say. */
export function parseExitCode(payload: Uint8Array): number | undefined {
  const match = /EXIT_CODE:\s*(-?\d+)/.exec(new TextDecoder().decode(payload));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
