// Session Manager's idle session timeout through real sockets: a shell StartSession opened, left
// without input, is ended by the sandbox with AWS's inactivity text in channel_closed, and
// Porthole's engine and tab status carry that text to the person. What counts as activity (the
// client's input, not its acks of output) is checked on a sandbox with a full-length minute, so
// nothing there depends on timing.
import { ECSClient, ExecuteCommandCommand } from '@aws-sdk/client-ecs';
import { ResumeSessionCommand, SSMClient, StartSessionCommand } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_OUTPUT } from '../ssm/datachannel/index.js';
import { ssmResumeSession } from '../ssm/connection/resume-ssm.js';
import type { CloseReason } from '../ssm/datachannel/types.js';
import { ShellSession } from '../ssm/shell/shell-session.js';
import { closedStatus } from '../sessions/shells/status.js';
import { startSandbox, type Sandbox, type SandboxOptions } from './index.js';
import { SESSION_LIMITS } from './session-limits.js';
import { until, within } from '../../testing/vitest/bounded.js';
import { WireClient } from '../../testing/sandbox/gateway/wire-client.js';

/** An online instance of the demo world (world/demo-world.json). */
const TARGET = 'i-0a1b2c3d4e5f60001';
/** A demo-world task with ECS Exec on (cluster demo-web, container app). */
const EXEC_TASK = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
/** One minute in the ECS Exec test: ECS Exec's 20 minutes are this × 20 (a fraction of a second). */
const EXEC_MINUTE_MS = 20;
/** One preference minute in the short sandbox: the 1-minute idle timeout ends a session this soon after its last input. */
const SHORT_MINUTE_MS = 300;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

/** A shell StartSession opened on TARGET, or (`exec`) ECS Exec's `/bin/sh` in EXEC_TASK. */
async function openShell(options: SandboxOptions, exec = false): Promise<{ sb: Sandbox; shell: ShellSession; text: () => string; closed: Promise<CloseReason> }> {
  const sb = await startSandbox({ pacing: 'unpaced', confine: false, gateway: { shell: '/bin/sh', shellStartDelayMs: 0 }, ...options });
  sandbox = sb;
  const config = { region: sb.region, endpoint: sb.endpoint, credentials: { accessKeyId: sb.accessKeyId, secretAccessKey: sb.secretAccessKey } };
  const ssm = new SSMClient(config);
  const started = exec
    ? await new ECSClient(config).send(new ExecuteCommandCommand({ cluster: 'demo-web', task: EXEC_TASK, container: 'app', command: '/bin/sh', interactive: true })).then((r) => ({ SessionId: r.session?.sessionId, TokenValue: r.session?.tokenValue, StreamUrl: r.session?.streamUrl }))
    : await ssm.send(new StartSessionCommand({ Target: TARGET }));
  const shell = new ShellSession({
    credentials: { sessionId: started.SessionId!, tokenValue: started.TokenValue!, streamUrl: started.StreamUrl! },
    target: TARGET,
    size: { cols: 80, rows: 24 },
    resumeSession: ssmResumeSession(ssm),
  });
  const out: Buffer[] = [];
  shell.on('output', (bytes) => out.push(Buffer.from(bytes)));
  const closed = new Promise<CloseReason>((resolve) => shell.on('closed', resolve));
  await within('the shell to open', shell.open());
  return { sb, shell, text: () => Buffer.concat(out).toString('utf8'), closed };
}

describe("Session Manager's idle session timeout", () => {
  it("ends a shell left without input with AWS's inactivity text, which the tab's status carries", async () => {
    const { sb, shell, closed } = await openShell({ sessionPreferences: { idleSessionTimeout: 1 }, sessionMinuteMs: SHORT_MINUTE_MS });
    const reason = await within('the idle timeout to end the session', closed);
    expect(reason).toEqual({ kind: 'channel-closed', output: SESSION_LIMITS.IDLE_OUTPUT, message: SESSION_LIMITS.IDLE_OUTPUT });
    expect(sb.registry.get(shell.sessionId)?.state).toBe('Terminated');
    // What the tab shows: the agent's words, not "The shell exited" (a normal end would say that).
    const status = closedStatus(reason, undefined);
    expect(status).toMatchObject({ state: 'closed', reason: IDLE_TIMEOUT_OUTPUT });
    expect(status.ending).toBe('timed-out');
  });

  it("ends an ECS Exec session after ECS Exec's fixed 20 minutes, whatever the region's preference says", async () => {
    // The region's preference (1 minute) is not ECS Exec's: its sessions keep their own 20 minutes.
    const { sb, shell, closed } = await openShell({ sessionPreferences: { idleSessionTimeout: 1 }, sessionMinuteMs: EXEC_MINUTE_MS }, true);
    expect(shell.sessionId).toMatch(/^ecs-execute-command-/);
    expect(sb.registry.get(shell.sessionId)?.idleSessionMinutes).toBe(SESSION_LIMITS.ECS_EXEC_IDLE_MINUTES);
    expect(SESSION_LIMITS.ECS_EXEC_IDLE_MINUTES).toBe(20);
    const reason = await within('the idle timeout to end the ECS Exec session', closed);
    expect(reason).toEqual({ kind: 'channel-closed', output: SESSION_LIMITS.IDLE_OUTPUT, message: SESSION_LIMITS.IDLE_OUTPUT });
    expect(sb.registry.get(shell.sessionId)?.state).toBe('Terminated');
  });

  it("counts the client's input as activity, not its acknowledgements of output", async () => {
    // A full-length minute: the default 20-minute timeout cannot end this session during the test.
    const { sb, shell, text, closed } = await openShell({});
    const session = sb.registry.get(shell.sessionId)!;
    expect(session.idleSessionMinutes).toBe(SESSION_LIMITS.DEFAULT_IDLE_MINUTES);
    // The gateway taking the connection starts the clock.
    await until('the gateway to take the connection', () => session.state === 'Connected');
    expect(session.lastActivityAt).toBeGreaterThan(0);

    // Input: the agent takes the typed line, so the clock starts again.
    session.lastActivityAt = 1;
    const typedAt = Date.now();
    shell.write("sleep 1; echo 'la''te'\r");
    // The echoed line (and its CR) means every typed message reached the shell.
    await until(() => `the typed line's echo (have ${JSON.stringify(text().slice(-200))})`, () => text().includes("echo 'la''te'\r\n"));
    expect(session.lastActivityAt).toBeGreaterThanOrEqual(typedAt);

    // Output alone, acknowledged by the client, leaves the clock where it was.
    session.lastActivityAt = 1;
    await until(() => `the shell's own output "late" (have ${JSON.stringify(text().slice(-200))})`, () => /^late\r?$/m.test(text()));
    await until('the client to acknowledge every output message', () => sb.gateway?.host(shell.sessionId)?.agent.channel.unackedFrames === 0);
    expect(session.lastActivityAt).toBe(1);
    shell.write('exit\r');
    expect(await within('the shell to exit', closed)).toMatchObject({ kind: 'channel-closed', output: '' });
  });

  it('counts a reconnection as activity, as AWS documents (ResumeSession after a dropped connection)', async () => {
    // A full-length minute: nothing here depends on timing.
    const sb = await startSandbox({ pacing: 'unpaced', confine: false, gateway: { shell: '/bin/sh', shellStartDelayMs: 0 } });
    sandbox = sb;
    const ssm = new SSMClient({ region: sb.region, endpoint: sb.endpoint, credentials: { accessKeyId: sb.accessKeyId, secretAccessKey: sb.secretAccessKey } });
    const started = await ssm.send(new StartSessionCommand({ Target: TARGET }));
    const session = sb.registry.get(started.SessionId!)!;
    const first = await WireClient.open(started.StreamUrl!, started.TokenValue!);
    await until('the gateway to take the connection', () => session.state === 'Connected');
    first.close();
    // The client comes back (a resumed session's new connection) and sends no input at all.
    session.lastActivityAt = 1;
    const back = await ssm.send(new ResumeSessionCommand({ SessionId: started.SessionId! }));
    const reconnectedAt = Date.now();
    const second = await WireClient.open(back.StreamUrl!, back.TokenValue!);
    try {
      await until('the gateway to take the new connection', () => (session.lastActivityAt ?? 0) > 1);
      expect(session.lastActivityAt).toBeGreaterThanOrEqual(reconnectedAt);
    } finally {
      second.close();
    }
  });
});
