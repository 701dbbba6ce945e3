import { describe, expect, it } from 'vitest';
import { SHORT_TASK_ID_CHARS, shortTaskId, taskIdOf } from './task-id.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task/demo-workers/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0020';

describe('task ids', () => {
  it('takes the id from a task ARN, the older ARN without the cluster, and a bare id', () => {
    expect(taskIdOf(ARN)).toBe('5e1f4a2b9c3d4e5f6a7b8c9d0e1f0020');
    expect(taskIdOf('arn:aws:ecs:us-east-1:123456789012:task/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0020')).toBe('5e1f4a2b9c3d4e5f6a7b8c9d0e1f0020');
    expect(taskIdOf('5e1f4a2b')).toBe('5e1f4a2b');
  });

  it('shortens to the last eight characters, the same wherever a task is named', () => {
    expect(SHORT_TASK_ID_CHARS).toBe(8);
    expect(shortTaskId(ARN)).toBe('0e1f0020');
    expect(shortTaskId('arn:aws:ecs:us-east-1:1:task/c/abc')).toBe('abc');
  });
});
