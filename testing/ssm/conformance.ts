// Loads the conformance fixtures in testing/conformance/ (golden frames and real recordings from
// the real plugin's and agent's codecs; that folder's README says how each was made). Test support
// only: found from the repository root, never from outside the repository.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** One golden frame: the fields a real codec was given and the bytes it produced. */
export interface GoldenFrame {
  readonly name: string;
  readonly file: string;
  readonly input: {
    readonly MessageType: string;
    readonly SchemaVersion: number;
    readonly CreatedDate: number;
    readonly SequenceNumber: number;
    readonly Flags: number;
    readonly MessageId: string;
    readonly PayloadType: number;
    readonly Payload_hex: string;
  };
  readonly serializedHex: string;
}

export interface NegativeCase {
  readonly name: string;
  readonly inputHex: string;
}

/** One line of a real/*.jsonl recording. */
export interface RecordedFrame {
  readonly t: number;
  readonly dir?: 'client->server' | 'server->client';
  readonly type?: string;
  readonly seq?: number;
  readonly ptype?: number;
  readonly textFrame?: string;
  readonly event?: string;
  readonly raw?: string;
}

/** The repository root: the nearest ancestor holding package.json (works from src and dist). */
export function repoRoot(from: string = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export function conformanceDir(): string {
  return resolve(repoRoot(), 'testing', 'conformance');
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(conformanceDir(), file), 'utf8'));
}

/** Every single-frame golden vector (a_…h_, hr_, agent_… files carrying serialized_hex). */
export function goldenFrames(): GoldenFrame[] {
  return readdirSync(conformanceDir())
    .filter((f) => /^(?:[a-h]\d?_|hr_|agent_).*\.json$/.test(f))
    .sort()
    .map((file) => ({ file, json: readJson(file) as Record<string, unknown> }))
    .filter(({ json }) => typeof json['serialized_hex'] === 'string' && typeof json['input'] === 'object')
    .map(({ file, json }) => ({
      name: String(json['name']),
      file,
      input: json['input'] as GoldenFrame['input'],
      serializedHex: json['serialized_hex'] as string,
    }));
}

/** Malformed inputs from one of the *_decoder_negative_cases.json files. */
export function negativeCases(file: 'plugin_decoder_negative_cases.json' | 'agent_decoder_negative_cases.json'): NegativeCase[] {
  const json = readJson(file) as { cases: Array<{ name: string; input_hex?: string }> };
  const plugin = readJson('plugin_decoder_negative_cases.json') as { cases: Array<{ name: string; input_hex: string }> };
  // The agent file records the same inputs by name; its hex lives in the plugin file.
  return json.cases.map((c) => ({
    name: c.name,
    inputHex: c.input_hex ?? plugin.cases.find((p) => p.name === c.name)?.input_hex ?? '',
  }));
}

/** The recorded lines of real/<name>.jsonl (a whole plugin ↔ agent session). */
export function realSession(name: 'shell-session' | 'port-mux-session'): RecordedFrame[] {
  return readFileSync(join(conformanceDir(), 'real', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedFrame);
}
