// Fuzz targets for the contract (shared/contract): every method's params and result schema and
// every event payload schema; the control envelope parsers; the data plane's binary wire codec
// and object parsers. Every rejection must be a ContractError (or a failed safeParse).
import { z } from 'zod';
import {
  ContractError,
  decodeDataFrame,
  encodeDataFrame,
  parseControlRequest,
  parseControlText,
  parseToMainData,
  parseToRendererControl,
  parseToRendererData,
  SERVICES,
  type DataMessage,
} from '../../../shared/contract/index.js';
import { requestSeeds, VALID_PARAMS } from './contract-seeds.js';
import { collectWords, JsonGen, showJson, type Json } from './json-gen.js';
import { mutate } from './mutate.js';
import type { Rng } from './prng.js';
import { expectTyped, hexPreview, InvariantError, type FuzzTarget } from './types.js';

interface NamedSchema {
  readonly name: string;
  readonly schema: z.ZodType;
}

/** Every schema of the control plane: params and result per method, payload per event. */
export const CONTRACT_SCHEMAS: readonly NamedSchema[] = Object.entries(SERVICES).flatMap(([service, def]) => [
  ...Object.entries(def.methods as Record<string, { params: z.ZodType; result: z.ZodType }>).flatMap(([method, m]) => [
    { name: `${service}.${method} params`, schema: m.params },
    { name: `${service}.${method} result`, schema: m.result },
  ]),
  ...Object.entries(def.events as Record<string, z.ZodType>).map(([event, schema]) => ({ name: `${service}.${event} event`, schema })),
]);

function dictionary(): string[] {
  const words = new Set<string>(Object.keys(SERVICES));
  for (const s of Object.values(SERVICES)) for (const m of Object.keys(s.methods)) words.add(m);
  for (const { schema } of CONTRACT_SCHEMAS) {
    try {
      collectWords(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }), words);
    } catch {
      // A schema JSON Schema cannot express (e.g. a refinement over bytes) adds no words; it is still fuzzed.
    }
  }
  return [...words];
}

const gen = new JsonGen(dictionary());
const isContractError = (e: unknown) => e instanceof ContractError;

/** A value and the schema it is checked against. */
export interface SchemaInput {
  readonly schema: number;
  readonly value: Json;
}

export const schemaTarget: FuzzTarget<SchemaInput> = {
  name: `contract schemas (${CONTRACT_SCHEMAS.length})`,
  seeds: CONTRACT_SCHEMAS.map((s, schema) => ({ schema, value: VALID_PARAMS[s.name.replace(/ params$/, '')] ?? {} })),
  random: (rng) => ({ schema: rng.int(CONTRACT_SCHEMAS.length), value: rng.chance(0.7) ? gen.object(rng) : gen.value(rng) }),
  mutate: (seed, other, rng) => ({ schema: rng.chance(0.9) ? seed.schema : rng.int(CONTRACT_SCHEMAS.length), value: gen.mutate(seed.value, other.value, rng) }),
  check(input) {
    const { schema } = CONTRACT_SCHEMAS[input.schema] ?? CONTRACT_SCHEMAS[0]!;
    const first = schema.safeParse(input.value);
    if (!first.success) return 'rejected';
    // What a schema produced must pass the same schema again (defaults and trims are idempotent).
    if (!schema.safeParse(first.data).success) throw new InvariantError('a parsed value failed its own schema on a second parse');
    return 'accepted';
  },
  show: (input) => `${CONTRACT_SCHEMAS[input.schema]?.name}: ${showJson(input.value)}`,
};

export const controlTarget: FuzzTarget<Json> = {
  name: 'control envelopes (request, text, to-renderer)',
  seeds: requestSeeds(),
  random: (rng) => (rng.chance(0.5) ? gen.object(rng) : gen.value(rng)),
  mutate: (seed, other, rng) => gen.mutate(seed, other, rng),
  check(input) {
    expectTyped(() => parseToRendererControl(input), isContractError);
    const text = JSON.stringify(input, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
    if (text !== undefined) expectTyped(() => parseControlRequest(parseControlText(text)), isContractError);
    return expectTyped(() => parseControlRequest(input), isContractError);
  },
  show: showJson,
};

function dataSeeds(): Uint8Array[] {
  const msgs: DataMessage[] = [
    { type: 'output_stream_data', sessionId: 'sess-1', bytes: new TextEncoder().encode('hello\r\n') },
    { type: 'input_stream_data', sessionId: 'sess-1', bytes: Uint8Array.of(3) },
    { type: 'ack', sessionId: 'sess-1', bytes: 65_536 },
    { type: 'resize', sessionId: 'sess-1', cols: 120, rows: 40 },
    { type: 'status', sessionId: 'sess-1', status: { state: 'closed', exitCode: 0, reason: 'exited' } },
  ];
  return msgs.map((m) => encodeDataFrame(m));
}

/** Random wire frames up to this size: header, a 128-character id and a small body. */
const MAX_RANDOM_WIRE = 200;

export const dataWireTarget: FuzzTarget<Uint8Array> = {
  name: 'data plane binary wire',
  seeds: dataSeeds(),
  random: (rng: Rng) => rng.bytes(rng.int(MAX_RANDOM_WIRE)),
  mutate: (seed, other, rng) => mutate(seed, other, rng),
  check(input) {
    let decoded: DataMessage | undefined;
    const outcome = expectTyped(() => (decoded = decodeDataFrame(Uint8Array.from(input))), isContractError);
    if (decoded !== undefined) {
      // An accepted frame re-encodes to one that decodes to the same message.
      const again = decodeDataFrame(encodeDataFrame(decoded));
      if (showJson(again) !== showJson(decoded)) throw new InvariantError('wire round trip changed the message');
    }
    return outcome;
  },
  show: (input) => hexPreview(input),
};

export const dataObjectTarget: FuzzTarget<Json> = {
  name: 'data plane objects (to main, to renderer)',
  seeds: [
    { type: 'input_stream_data', sessionId: 'sess-1', bytes: Uint8Array.of(0x6c, 0x73) },
    { type: 'ack', sessionId: 'sess-1', bytes: 4096 },
    { type: 'resize', sessionId: 'sess-1', cols: 80, rows: 24 },
    { type: 'output_stream_data', sessionId: 'sess-1', bytes: Uint8Array.of(0x24, 0x20) },
    { type: 'status', sessionId: 'sess-1', status: { state: 'connected' } },
  ],
  random: (rng) => gen.object(rng),
  mutate: (seed, other, rng) => gen.mutate(seed, other, rng),
  check(input) {
    const toMain = expectTyped(() => parseToMainData(input), isContractError);
    const toRenderer = expectTyped(() => parseToRendererData(input), isContractError);
    return toMain === 'accepted' || toRenderer === 'accepted' ? 'accepted' : 'rejected';
  },
  show: showJson,
};
