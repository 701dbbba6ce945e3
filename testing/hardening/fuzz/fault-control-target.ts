// Fuzz target: the sandbox's fault control JSON (FaultController.apply, what its HTTP control
// endpoint feeds in). It must never throw: a bad spec is a `{ ok: false, error }` value naming
// the problem, and an accepted spec must be one the controller reports back as in force.
import { z } from 'zod';
import { FaultController, type FaultTarget } from '../../../main/sandbox/faults/controller.js';
import { FaultControlSchema, type FaultAction, type FaultSpec } from '../../../main/sandbox/faults/spec.js';
import { collectWords, JsonGen, showJson, type Json } from './json-gen.js';
import { InvariantError, type FuzzTarget, type Outcome } from './types.js';

/** The session id seeds use; a registered target receives their knobs and actions. */
const LIVE_SESSION = 'sess-live';

const SEEDS: Json[] = [
  { sessionId: LIVE_SESSION, faults: { seed: 6, toClient: { drop: 0.02, duplicate: 0.02, reorderWindow: 8, delayMs: 300 }, toAgent: { drop: 0.02 }, actions: [{ do: 'kill-socket' }] } },
  { default: true, faults: { killSocketEveryMs: 20_000, toAgent: { types: ['input_stream_data'], spareHandshake: false } } },
  { sessionId: 'later', faults: { actions: [{ do: 'malformed', variant: 'bad-digest' }, { do: 'channel-closed-112', output: 'bye' }, { do: 'pause-publication' }] } },
];

const gen = new JsonGen([...collectWords(z.toJSONSchema(FaultControlSchema, { io: 'input' })), LIVE_SESSION]);

/** Records what the controller hands a live session, to check it against the spec. */
function recorder(): FaultTarget & { specs: FaultSpec[]; actions: FaultAction[] } {
  const specs: FaultSpec[] = [];
  const actions: FaultAction[] = [];
  return { specs, actions, reconfigure: (s) => specs.push(s), run: (a) => actions.push(a) };
}

function check(input: Json): Outcome {
  const controller = new FaultController();
  const live = recorder();
  controller.register(LIVE_SESSION, live);
  const result = controller.apply(input);
  if (!result.ok) {
    if (!result.error.startsWith('invalid fault spec: ')) throw new InvariantError(`a refusal without its reason: ${result.error}`);
    return 'rejected';
  }
  const parsed = FaultControlSchema.parse(input);
  if ('default' in parsed) {
    if (result.scope !== 'default') throw new InvariantError('a default spec was applied to a session');
    return 'accepted';
  }
  if (controller.specFor(parsed.sessionId) === undefined) throw new InvariantError('an accepted session spec is not in force');
  if (parsed.sessionId === LIVE_SESSION) {
    if (live.specs.at(-1) !== controller.specFor(LIVE_SESSION)) throw new InvariantError('the live session did not get the spec in force');
    if (live.actions.length !== parsed.faults.actions.length || result.actionsRun !== live.actions.length) throw new InvariantError('the live session did not run every action once');
  } else if (result.actionsQueued !== parsed.faults.actions.length) {
    throw new InvariantError('actions for a session not live yet were not all queued');
  }
  return 'accepted';
}

export const faultControlTarget: FuzzTarget<Json> = {
  name: 'sandbox fault control JSON',
  seeds: SEEDS,
  random: (rng) => (rng.chance(0.7) ? gen.object(rng) : gen.value(rng)),
  mutate: (seed, other, rng) => gen.mutate(seed, other, rng),
  check,
  show: showJson,
};
