// ForwardSpec.follow: a forward to an ECS container may follow its service; the shape is checked
// before anything is started or saved, and forwards saved without it read exactly as before.
import { describe, expect, it } from 'vitest';
import { FOLLOW_NEEDS_CONTAINER, ForwardSpecSchema, SavedForwardSchema } from './forwards.js';

const container = { kind: 'ecs-container', profile: 'dev', region: 'us-east-1', cluster: 'demo-web', taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/0001', containerName: 'app', runtimeId: '0001-app' };
const instance = { kind: 'instance', profile: 'dev', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
const spec = { target: container, remotePort: 8080, localPort: 'auto' };
/** CreateService's longest name. */
const LONGEST_SERVICE_NAME = 255;

function issues(input: unknown): Array<{ path: PropertyKey[]; message: string }> {
  const parsed = ForwardSpecSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('ForwardSpec.follow', () => {
  it('is kept on a forward to an ECS container', () => {
    expect(ForwardSpecSchema.parse({ ...spec, follow: { service: 'web' } }).follow).toEqual({ service: 'web' });
    expect(ForwardSpecSchema.parse({ ...spec, follow: { service: 'w'.repeat(LONGEST_SERVICE_NAME) } }).follow?.service).toHaveLength(LONGEST_SERVICE_NAME);
  });

  it('is refused on an instance, saying why', () => {
    expect(issues({ target: instance, remotePort: 22, localPort: 'auto', follow: { service: 'web' } })).toEqual([{ path: ['follow'], message: FOLLOW_NEEDS_CONTAINER }]);
  });

  it('refuses what cannot name a service: empty, too long, spaces, other keys', () => {
    expect(issues({ ...spec, follow: { service: '' } })[0]?.path).toEqual(['follow', 'service']);
    expect(issues({ ...spec, follow: { service: 'w'.repeat(LONGEST_SERVICE_NAME + 1) } })[0]?.path).toEqual(['follow', 'service']);
    expect(issues({ ...spec, follow: { service: 'web; rm' } })[0]?.path).toEqual(['follow', 'service']);
    expect(issues({ ...spec, follow: { service: 'web', cluster: 'x' } })[0]?.path).toEqual(['follow']);
    expect(issues({ ...spec, follow: 'web' })[0]?.path).toEqual(['follow']);
  });

  it('is absent from a forward saved before it existed, which loads unchanged', () => {
    const saved = { savedId: 'fwd-1', spec: { ...spec, bindAddress: '127.0.0.1', autoRestart: true }, savedAt: 1 };
    const parsed = SavedForwardSchema.parse(saved);
    expect(parsed).toEqual(saved);
    expect('follow' in parsed.spec).toBe(false);
  });
});
