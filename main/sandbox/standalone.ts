/**
 * `npm run sandbox`: the emulated AWS in the foreground. The FIRST line of stdout is one JSON
 * object (endpoint, region, AWS config/credentials paths, profile) for scripts to parse; the
 * rest is for people. Ctrl-C (or SIGTERM) stops every session and server, then exits 0.
 */
import { parseArgs } from 'node:util';
import { startSandbox, SANDBOX, type Pacing, type Sandbox } from './index.js';
import { generateWorld } from './world/generate.js';
import { WorldError } from './world/load.js';
import type { WorldFile } from './world/schema.js';

const USAGE = `usage: npm run sandbox -- [--world FILE | --generate CLUSTERSxTASKS] [--pacing faithful|unpaced] [--port N] [--throttle REQ_PER_SEC]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        world: { type: 'string' },
        generate: { type: 'string' },
        pacing: { type: 'string', default: 'faithful' },
        port: { type: 'string', default: '0' },
        throttle: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const pacing = parsed.pacing;
  if (pacing !== 'faithful' && pacing !== 'unpaced') fail(`--pacing must be faithful or unpaced, got "${pacing}"`);
  const port = Number(parsed.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got "${parsed.port}"`);
  const rate = parsed.throttle === undefined ? undefined : Number(parsed.throttle);
  if (rate !== undefined && !(rate > 0)) fail(`--throttle must be a positive number of requests per second`);
  if (parsed.world && parsed.generate) fail('--world and --generate are exclusive');
  let generated: WorldFile | undefined;
  if (parsed.generate !== undefined) {
    const m = /^(\d+)x(\d+)$/.exec(parsed.generate);
    if (!m) fail(`--generate must look like 100x5000 (clusters x tasks per cluster), got "${parsed.generate}"`);
    generated = generateWorld({ clusters: Number(m[1]), tasksPerCluster: Number(m[2]) });
  }
  return { world: generated ?? parsed.world, pacing: pacing as Pacing, port, rate };
}

async function main(): Promise<void> {
  const o = options();
  // Signals are handled from the start, so a Ctrl-C during start-up still stops cleanly.
  let sandbox: Sandbox | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    (sandbox?.stop() ?? Promise.resolve())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    sandbox = await startSandbox({
      ...(o.world ? { world: o.world } : {}),
      pacing: o.pacing,
      port: o.port,
      ...(o.rate ? { throttle: { ratePerSecond: o.rate } } : {}),
    });
  } catch (err) {
    if (err instanceof WorldError) fail(err.message);
    fail(`cannot start the sandbox: ${(err as Error).message}`);
  }
  if (stopping) {
    await sandbox.stop();
    process.exit(0);
  }
  const { endpoint, region, configFile, credentialsFile, profile } = sandbox;
  process.stdout.write(JSON.stringify({ endpoint, region, configFile, credentialsFile, profile }) + '\n');
  process.stdout.write(
    `Porthole sandbox listening on ${endpoint} (region ${region}, pacing ${o.pacing}).\n` +
      `Try: AWS_CONFIG_FILE=${configFile} AWS_SHARED_CREDENTIALS_FILE=${credentialsFile} aws --profile ${profile} ecs list-clusters\n` +
      `(AWS CLI v2 before 2.13 ignores a profile's endpoint_url: add --endpoint-url ${endpoint})\n` +
      `Expired-credentials profile: ${SANDBOX.expiredProfile}. Press Ctrl-C to stop.\n`,
  );
}

void main();
