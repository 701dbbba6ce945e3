import { describe, expect, it } from 'vitest';
import { ENABLE_EXEC_COMMAND, enableExecCommand, notConnectedAdvice, pluginMissingAdvice } from './aws-advice.js';

describe('advice fitted to the kind of target', () => {
  it('never tells an instance about a task role or a task, nor a container about an instance profile', () => {
    for (const advice of [notConnectedAdvice('instance'), pluginMissingAdvice('instance')]) {
      expect(advice).not.toMatch(/task role|fresh task|container/i);
    }
    expect(notConnectedAdvice('instance')).toContain('instance profile');
    for (const advice of [notConnectedAdvice('ecs-container'), pluginMissingAdvice('ecs-container')]) {
      expect(advice).not.toMatch(/instance profile|AmazonSSMManagedInstanceCore|on the instance/i);
    }
    expect(notConnectedAdvice('ecs-container')).toContain('task role');
  });

  it('names both kinds when the kind is unknown', () => {
    expect(notConnectedAdvice(undefined)).toMatch(/for a container, .*task role.*; for an instance, /);
    expect(pluginMissingAdvice(undefined)).toMatch(/for containers: start a fresh task/);
  });

  it('enables ECS Exec by replacing tasks, never on a running one', () => {
    expect(ENABLE_EXEC_COMMAND).toContain('--enable-execute-command --force-new-deployment');
    expect(ENABLE_EXEC_COMMAND).toContain('run a new task');
  });

  it('names the task\'s own cluster and service in the command to run', () => {
    expect(enableExecCommand('prod-api', 'orders')).toContain('aws ecs update-service --cluster prod-api --service orders --enable-execute-command --force-new-deployment');
    expect(enableExecCommand('prod-api', 'orders')).toContain('replaces');
    const standalone = enableExecCommand('batch', null);
    expect(standalone).toContain('aws ecs run-task --cluster batch --enable-execute-command');
    expect(standalone).not.toContain('update-service');
  });
});
