// Contract forward specs ↔ the manager's: what survives the manager's saved format alone, and
// what needs the target kept beside it.
import { describe, expect, it } from 'vitest';
import { ForwardSpecSchema } from '../../../shared/contract/index.js';
import { DEMO_APP } from '../../../testing/composition/sandbox-app.js';
import { contractSpec, managerSpec } from './mapping.js';

describe('contractSpec', () => {
  it('rebuilds an instance forward from the manager spec alone', () => {
    const spec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 5432, remoteHost: 'db.internal', localPort: 15432, bindAddress: '0.0.0.0', name: 'db', autoRestart: true });
    expect(contractSpec(managerSpec(spec))).toEqual(spec);
  });

  it('reads an automatic local port back as auto', () => {
    const spec = ForwardSpecSchema.parse({ target: DEMO_APP.instance, remotePort: 22, localPort: 'auto' });
    expect(contractSpec(managerSpec(spec))).toEqual(spec);
  });

  it('needs the saved target for an ECS container name; without it the runtime id stands in', () => {
    const spec = ForwardSpecSchema.parse({ target: DEMO_APP.web, remotePort: 8080, localPort: 'auto' });
    expect(contractSpec(managerSpec(spec), spec.target)).toEqual(spec);
    expect(contractSpec(managerSpec(spec))?.target).toEqual({ ...DEMO_APP.web, taskArn: DEMO_APP.web.taskArn.split('/').pop(), containerName: DEMO_APP.web.runtimeId });
  });

  it('gives up on a spec without profile and region (not written by this app)', () => {
    expect(contractSpec({ target: { kind: 'instance', instanceId: 'i-0123456789abcdef0' }, remotePort: 22 })).toBeNull();
  });
});
