import { describe, expect, it } from 'vitest';
import { actionMatches, decide, findPrincipal, parsePrincipalArn, roleAllows } from './iam.js';
import { parseWorld } from './load.js';
import { World } from './model.js';

const world = new World(
  parseWorld({
    accounts: [
      {
        id: '111122223333',
        userName: 'dev',
        roles: [{ name: 'mixed', allow: ['ssmmessages:*', 's3:Get?bject'], deny: ['ssmmessages:OpenDataChannel'] }],
        regions: [{ name: 'us-west-2' }],
      },
    ],
  }),
);

describe('world IAM', () => {
  it('matches IAM action patterns case-insensitively with * and ?', () => {
    expect(actionMatches('ssmmessages:*', 'SSMMessages:OpenDataChannel')).toBe(true);
    expect(actionMatches('*', 'anything:AtAll')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObjects')).toBe(false);
    expect(actionMatches('ecs:Describe*', 'ecs:ListTasks')).toBe(false);
    expect(actionMatches('ecs:(x)', 'ecs:x')).toBe(false); // regex metacharacters are literal
  });

  it('parses role and user ARNs, paths included', () => {
    expect(parsePrincipalArn('arn:aws:iam::111122223333:role/service-role/mixed')).toEqual({ account: '111122223333', kind: 'role', name: 'mixed' });
    expect(parsePrincipalArn('arn:aws:iam::111122223333:user/dev')).toEqual({ account: '111122223333', kind: 'user', name: 'dev' });
    expect(parsePrincipalArn('arn:aws:iam::111122223333:group/devs')).toBeUndefined();
    expect(parsePrincipalArn('arn:aws:sts::111122223333:assumed-role/mixed/s')).toBeUndefined();
  });

  it('lets explicit deny win, denies implicitly what no statement allows, and allows the user everything', () => {
    const role = findPrincipal(world, 'arn:aws:iam::111122223333:role/mixed');
    if (!role) throw new Error('role not found');
    expect(decide(role, 'ssmmessages:CreateDataChannel')).toBe('allowed');
    expect(decide(role, 'ssmmessages:OpenDataChannel')).toBe('explicitDeny');
    expect(decide(role, 'ecs:ExecuteCommand')).toBe('implicitDeny');
    const user = findPrincipal(world, 'arn:aws:iam::111122223333:user/dev');
    expect(user && decide(user, 'ecs:ExecuteCommand')).toBe('allowed');
    expect(findPrincipal(world, 'arn:aws:iam::111122223333:user/someone')).toBeUndefined();
    expect(findPrincipal(world, 'arn:aws:iam::999999999999:role/mixed')).toBeUndefined();
  });

  it('does not judge task roles the world does not declare', () => {
    expect(roleAllows(world, 'arn:aws:iam::111122223333:role/mixed', 'ssmmessages:OpenDataChannel')).toBe(false);
    expect(roleAllows(world, 'arn:aws:iam::111122223333:role/mixed', 'ssmmessages:OpenControlChannel')).toBe(true);
    expect(roleAllows(world, 'arn:aws:iam::111122223333:role/undeclared', 'ssmmessages:OpenDataChannel')).toBeUndefined();
  });
});
