import { describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { menuFor } from '../tree/node-menu.js';
import { COMMANDS, type CommandInfo } from './commands.js';
import { commandRefusal, commandTitle, commandUnavailable, targetSource, type CommandState } from './command-refusal.js';

const command = (id: string): CommandInfo => {
  const found = COMMANDS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no command ${id}`);
  return found;
};
const base = { activeClosed: false, activeRecording: false, split: false, target: null, selected: null, settingsLoaded: true, linkLost: null } as const;
const clusterArn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/demo-web';
const taskArn = 'arn:aws:ecs:eu-west-1:123456789012:task/demo-web/0123456789abcdef0123456789abcdef';
/** The readiness sentence of a RUNNING container without a runtime id: what the tree, menus and palette all say. */
const NO_RUNTIME_ID = 'ECS reports this container RUNNING but without a runtime id, so ECS Exec cannot address it yet.';
const web = (runtimeId: string | null): InventoryNode => ({
  kind: 'container', id: 'k', label: 'web', profile: 'dev', region: 'eu-west-1', clusterArn, taskArn, name: 'web', runtimeId, lastStatus: 'RUNNING', execEnabled: true, execAgentStatus: runtimeId === null ? null : 'RUNNING', image: null,
});
const task: InventoryNode = {
  kind: 'task', id: 't', label: 'x', profile: 'dev', region: 'eu-west-1', clusterArn, taskArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE', execEnabled: true, platformVersion: null, startedAt: null,
};
const ssoProfile: InventoryNode = { kind: 'profile', id: 'p', label: 'dev', profile: 'dev', source: 'config', sso: true };
const none: CommandState = { ...base, tabCount: 0, activeHasTerminal: false };
const tabs = (tabCount: number, activeHasTerminal = true): CommandState => ({ ...base, tabCount, activeHasTerminal, target: tabCount > 0 ? { title: 'api · 1a2b3c', node: null } : null });

describe('commandUnavailable', () => {
  it('with no tab, every command acting on a tab or its terminal is unavailable, the rest are not', () => {
    const unavailable = COMMANDS.filter((c) => commandUnavailable(c, none) !== null).map((c) => c.id);
    expect(unavailable).toEqual([
      'newTab',
      'closeTab',
      'nextTab',
      'prevTab',
      'renameTab',
      'splitTabs',
      'unsplitTabs',
      'restartSession',
      'startRecording',
      'stopRecording',
      'tab1',
      'tab2',
      'tab3',
      'tab4',
      'tab5',
      'tab6',
      'tab7',
      'tab8',
      'tab9',
      'upload',
      'download',
      'diagnose',
      'nodeOpenShell',
      'nodeForward',
      'nodeSignIn',
      'nodeAddRegion',
      'nodeRemoveRegion',
      'nodeCopyId',
      'nodeRefresh',
      'focusTerminal',
      'find',
      'selectAll',
      'clearTerminal',
      'copy',
      'paste',
    ]);
    expect(commandUnavailable(command('closeTab'), none)).toBe('No tab is open');
  });

  it('tab numbers past the last tab, and next/previous with one tab', () => {
    expect(commandUnavailable(command('tab2'), tabs(2))).toBeNull();
    expect(commandUnavailable(command('tab3'), tabs(2))).toBe('Only 2 tabs are open');
    expect(commandUnavailable(command('tab2'), tabs(1))).toBe('Only 1 tab is open');
    expect(commandUnavailable(command('nextTab'), tabs(1))).toBe('This is the only tab');
    expect(commandUnavailable(command('prevTab'), tabs(2))).toBeNull();
  });

  it('a tab whose session never started has no terminal to find in or focus, but can be closed', () => {
    expect(commandUnavailable(command('find'), tabs(1, false))).toBe("This tab's session did not start: it has no terminal");
    expect(commandUnavailable(command('focusTerminal'), tabs(1, false))).not.toBeNull();
    expect(commandUnavailable(command('selectAll'), tabs(1, false))).toBe("This tab's session did not start: it has no terminal");
    expect(commandUnavailable(command('clearTerminal'), tabs(1, false))).not.toBeNull();
    expect(commandUnavailable(command('clearTerminal'), tabs(1))).toBeNull();
    expect(commandUnavailable(command('closeTab'), tabs(1, false))).toBeNull();
    expect(commandUnavailable(command('newTab'), tabs(1, false))).toBeNull();
  });
});

describe('commandUnavailable: commands from the menus and buttons', () => {
  it('tab commands need a tab; rename, restart and the recording pair follow the active session', () => {
    for (const id of ['renameTab', 'splitTabs', 'restartSession', 'startRecording', 'stopRecording']) expect(commandUnavailable(command(id), none)).toBe('No tab is open');
    expect(commandUnavailable(command('renameTab'), tabs(1))).toBeNull();
    expect(commandUnavailable(command('restartSession'), tabs(1))).toBe("This tab's session is still open");
    expect(commandUnavailable(command('restartSession'), { ...tabs(1), activeClosed: true })).toBeNull();
    expect(commandUnavailable(command('startRecording'), tabs(1))).toBeNull();
    expect(commandUnavailable(command('startRecording'), { ...tabs(1), activeClosed: true })).toBe("This tab's session is not running");
    expect(commandUnavailable(command('startRecording'), tabs(1, false))).toBe("This tab's session is not running");
    expect(commandUnavailable(command('startRecording'), { ...tabs(1), activeRecording: true })).toBe('This session is already being recorded');
    expect(commandUnavailable(command('stopRecording'), tabs(1))).toBe('This session is not being recorded');
    expect(commandUnavailable(command('stopRecording'), { ...tabs(1), activeRecording: true })).toBeNull();
  });

  it('split needs two tabs; show one terminal needs a split', () => {
    expect(commandUnavailable(command('splitTabs'), tabs(1))).toBe('This is the only tab');
    expect(commandUnavailable(command('splitTabs'), tabs(2))).toBeNull();
    expect(commandUnavailable(command('unsplitTabs'), tabs(2))).toBe('Only one terminal is shown');
    expect(commandUnavailable(command('unsplitTabs'), { ...tabs(2), split: true })).toBeNull();
  });

  it('upload, download and diagnose need a target: the active tab’s or the tree’s selected one', () => {
    for (const id of ['upload', 'download', 'diagnose']) {
      expect(commandUnavailable(command(id), none)).toBe('Select a container or instance in the tree, or open a tab, first');
      expect(commandUnavailable(command(id), { ...none, target: { title: 'web', node: web('rt-1') } })).toBeNull();
    }
    // A container without a runtime id: no session there, but a diagnosis is exactly what helps.
    const noRuntime: CommandState = { ...none, target: { title: 'web', node: web(null) } };
    expect(commandUnavailable(command('upload'), noRuntime)).toBe(NO_RUNTIME_ID);
    expect(commandUnavailable(command('download'), noRuntime)).not.toBeNull();
    expect(commandUnavailable(command('diagnose'), noRuntime)).toBeNull();
  });

  it('with a tab open but the tree last in use with no container or instance selected, they say to select one or go back to the terminal', () => {
    const treeWithoutTarget: CommandState = { ...tabs(1), target: null };
    for (const id of ['upload', 'download', 'diagnose']) expect(commandUnavailable(command(id), treeWithoutTarget)).toBe('Select a container or instance in the tree, or go back to the terminal, first');
    expect(commandUnavailable(command('newForward'), treeWithoutTarget)).toBeNull();
  });

  it('say where their target comes from: the active tab or the tree’s selection; other commands say nothing', () => {
    for (const id of ['upload', 'download', 'diagnose', 'newForward']) {
      expect(targetSource(command(id), tabs(1))).toBe('tab');
      expect(targetSource(command(id), { ...tabs(1), target: { title: 'web', node: web('rt-1') } })).toBe('tree');
      expect(targetSource(command(id), none)).toBeNull();
    }
    expect(targetSource(command('closeTab'), tabs(1))).toBeNull();
    expect(targetSource(command('nodeOpenShell'), { ...tabs(1), target: { title: 'web', node: web('rt-1') } })).toBeNull();
  });

  it('New port forward…, Refresh every target and Settings need no tab; Settings waits for the settings', () => {
    expect(commandUnavailable(command('newForward'), none)).toBeNull();
    expect(commandUnavailable(command('refreshTree'), none)).toBeNull();
    expect(commandUnavailable(command('openSettings'), none)).toBeNull();
    expect(commandUnavailable(command('openSettings'), { ...none, settingsLoaded: false })).toBe('Settings are still loading');
    expect(commandUnavailable(command('themeDark'), { ...none, settingsLoaded: false })).toBe('Settings are still loading');
    expect(commandUnavailable(command('themeLight'), none)).toBeNull();
    for (const id of ['showForwards', 'showTransfers', 'showDiagnostics', 'showInspector']) expect(commandUnavailable(command(id), none)).toBeNull();
  });

  it('with the link to the host lost, what asks the host says why, as the tab menu does; the rest still runs', () => {
    const lost: CommandState = { ...tabs(2), activeClosed: true, linkLost: 'Lost the connection to the web host' };
    for (const id of ['newTab', 'restartSession', 'upload', 'download', 'diagnose', 'newForward', 'refreshTree']) expect(commandUnavailable(command(id), lost)).toBe('Lost the connection to the web host');
    for (const id of ['closeTab', 'renameTab', 'openSettings', 'showDiagnostics', 'nextTab']) expect(commandUnavailable(command(id), lost)).toBeNull();
  });

  it('a target command run without a target says what to select', () => {
    expect(commandRefusal(command('upload'), none, 'Ctrl+P')).toBe('Upload file…: select a container or instance in the tree, or open a tab, first.');
  });
});

describe('commandRefusal', () => {
  it('a tab command with no tab says to open a shell, and how', () => {
    expect(commandRefusal(command('closeTab'), none, 'Ctrl+P')).toBe('Close tab: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or Ctrl+P.');
    expect(commandRefusal(command('tab3'), none, 'Ctrl+P')).toMatch(/^Go to tab 3: no tab is open\./);
    expect(commandRefusal(command('find'), none, 'Ctrl+P')).toMatch(/^Find in terminal: no tab is open\./);
  });

  it('a tab number past the last tab says how many there are', () => {
    expect(commandRefusal(command('tab5'), tabs(2), 'Ctrl+P')).toBe('Go to tab 5: only 2 tabs are open.');
    expect(commandRefusal(command('tab2'), tabs(1), 'Ctrl+P')).toBe('Go to tab 2: only 1 tab is open.');
  });

  it('anything else keeps the general sentence', () => {
    expect(commandRefusal(command('toggleTree'), tabs(3), 'Ctrl+P')).toBe('Show or hide the targets tree: nothing to do here now.');
  });
});

describe('Tree commands: the tree menu’s actions on the selected node', () => {
  const selecting = (selected: InventoryNode | null, linkLost: string | null = null): CommandState => ({ ...none, selected, linkLost });

  it('are listed by a general name with what to select while nothing fitting is selected', () => {
    expect(commandTitle(command('nodeCopyId'), none)).toBe('Copy the ARN or ID of the selected node');
    expect(commandUnavailable(command('nodeCopyId'), none)).toBe('Select a cluster, service, task, container or instance in the tree first');
    expect(commandUnavailable(command('nodeSignIn'), selecting(task))).toBe('Select a profile that uses SSO in the tree first');
    expect(commandTitle(command('nodeSignIn'), selecting(task))).toBe('Sign in with SSO (selected profile)');
    expect(commandUnavailable(command('nodeRemoveRegion'), selecting(ssoProfile))).toBe('Select a region in the tree first');
    expect(commandRefusal(command('nodeRefresh'), selecting(web('rt-1')), 'Ctrl+P')).toBe('Refresh the selected node: select a profile, region, cluster, service or task in the tree first.');
  });

  it('name the node they act on, and run on it', () => {
    expect(commandTitle(command('nodeCopyId'), selecting(task))).toBe('Copy ARN of task 89abcdef');
    expect(commandUnavailable(command('nodeCopyId'), selecting(task))).toBeNull();
    expect(commandTitle(command('nodeRefresh'), selecting(task))).toBe('Refresh task 89abcdef');
    expect(commandTitle(command('nodeSignIn'), selecting(ssoProfile))).toBe('Sign in to dev with SSO');
    expect(commandUnavailable(command('nodeAddRegion'), selecting(ssoProfile))).toBeNull();
    expect(commandTitle(command('nodeOpenShell'), selecting(web('rt-1')))).toBe('Open shell on web · 89abcdef');
  });

  it('follow the node’s own rules: no session without a runtime id, nothing that asks the host once the link is lost', () => {
    expect(commandUnavailable(command('nodeOpenShell'), selecting(web(null)))).toBe(NO_RUNTIME_ID);
    expect(commandUnavailable(command('nodeForward'), selecting(web(null)))).toBe(NO_RUNTIME_ID);
    expect(commandUnavailable(command('nodeRefresh'), selecting(task, 'Lost the connection to the web host'))).toBe('Lost the connection to the web host');
    expect(commandUnavailable(command('nodeCopyId'), selecting(task, 'Lost the connection to the web host'))).toBeNull();
    // New port forward… on a node follows the same rule as the node's Start port forward….
    expect(commandUnavailable(command('newForward'), { ...none, target: { title: 'web', node: web(null) } })).toBe(NO_RUNTIME_ID);
  });

  it('follow the tree menu on a container that cannot take a session: exec off or not running disables them with the readiness reason; an agent report only advises', () => {
    const withExec = (over: Partial<Extract<InventoryNode, { kind: 'container' }>>): InventoryNode => ({ ...(web('rt-1') as Extract<InventoryNode, { kind: 'container' }>), ...over });
    const execOff = withExec({ execEnabled: false, execAgentStatus: null });
    const stopped = withExec({ lastStatus: 'STOPPED' });
    const off = 'ECS Exec is not enabled for this task: it was started without execute command.';
    for (const id of ['nodeOpenShell', 'nodeForward']) {
      expect(commandUnavailable(command(id), selecting(execOff))).toBe(off);
      expect(commandUnavailable(command(id), selecting(stopped))).toBe('The container is STOPPED; only running containers accept ECS Exec sessions.');
    }
    const onTarget = (node: InventoryNode): CommandState => ({ ...none, target: { title: 'web', node } });
    expect(commandUnavailable(command('upload'), onTarget(execOff))).toBe(off);
    expect(commandUnavailable(command('download'), onTarget(execOff))).toBe(off);
    expect(commandUnavailable(command('diagnose'), onTarget(execOff))).toBeNull();
    expect(commandUnavailable(command('nodeOpenShell'), selecting(withExec({ execAgentStatus: 'STOPPED' })))).toBeNull();
    // The tree's context menu says the same, from the same table.
    const shell = menuFor({} as AppModel, execOff, { linkLost: null })[0];
    expect([shell?.label, shell?.disabled, shell?.hint]).toEqual(['Open shell', true, off]);
  });
});
