// Valid contract messages the schema fuzzers start from (shapes as in shared/contract).
import type { Json } from './json-gen.js';

const container = {
  kind: 'ecs-container',
  profile: 'sandbox',
  region: 'us-east-1',
  cluster: 'demo-web',
  taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001',
  containerName: 'app',
  runtimeId: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001-1234567890',
};
const instance = { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: 'i-0a1b2c3d4e5f60002' };

/** Params of real calls, by `service.method`. */
export const VALID_PARAMS: Readonly<Record<string, Json>> = {
  'app.info': {},
  'settings.get': {},
  'settings.update': { patch: { fontSize: 14 } },
  'settings.rememberTarget': { entry: { nodeId: 'container:["sandbox","us-east-1","t","app"]', kind: 'container', label: 'app', where: 'sandbox · us-east-1 · demo-web', title: 'app · 0001', target: container } },
  'settings.changeTree': { change: { opened: [{ id: 'region:["sandbox","us-east-1"]', parent: 'profile:"sandbox"' }], closed: ['profile:"dev"'], selected: null } },
  'settings.changeLayout': { change: { treeWidth: 320, panelOpen: false } },
  'settings.changeRegion': { profile: 'sandbox', region: 'eu-west-1', change: 'add' },
  'sessions.open': { target: container, cols: 120, rows: 40, title: 'web' },
  'sessions.close': { id: 'sess-1' },
  'sessions.rename': { id: 'sess-1', title: 'renamed' },
  'forwards.create': { spec: { target: container, remotePort: 8080, localPort: 'auto', name: 'web http' } },
  'forwards.edit': { id: 'fwd-1', spec: { target: container, remotePort: 8081, localPort: 15432, name: 'web http' } },
  'forwards.remove': { id: 'fwd-1' },
  'forwards.setAutoRestart': { id: 'fwd-1', enabled: true },
  'diagnostics.run': { target: instance },
  'inspector.subscribe': { sessionId: 'sess-1' },
};

export function requestSeeds(): Json[] {
  return Object.entries(VALID_PARAMS).map(([name, params], i) => {
    const [service, method] = name.split('.');
    return { type: 'request', id: i + 1, service: service ?? '', method: method ?? '', params };
  });
}
