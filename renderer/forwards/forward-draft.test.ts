import { describe, expect, it } from 'vitest';
import type { ForwardInfo, InstanceRef } from '../../shared/contract/index.js';
import { ForwardDraftStore, type TypedForward } from './forward-draft.js';

const lost: InstanceRef = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0lost' };
const bastion: InstanceRef = { ...lost, instanceId: 'i-0bastion' };
const typed: TypedForward = { fields: { remotePort: '8080', viaHost: false, remoteHost: '', localPort: '18080', name: 'kept as typed', autoRestart: false }, follow: true };

describe('ForwardDraftStore: a form set aside for a diagnosis', () => {
  it('closes the form, and the next New forward opens with what was typed', () => {
    const drafts = new ForwardDraftStore();
    drafts.open(bastion, 'bastion');
    drafts.setAside({ target: lost, title: 'lost-contact', typed });
    expect(drafts.state).toBeNull();
    drafts.open(null, '');
    expect(drafts.state).toEqual({ target: lost, title: 'lost-contact', typed });
  });

  it('keeps the values when opened on another target, and gives them back only once', () => {
    const drafts = new ForwardDraftStore();
    drafts.setAside({ target: lost, title: 'lost-contact', typed });
    drafts.open(bastion, 'bastion');
    expect(drafts.state).toEqual({ target: bastion, title: 'bastion', typed });
    drafts.close();
    drafts.open(bastion, 'bastion');
    expect(drafts.state).toEqual({ target: bastion, title: 'bastion' });
  });

  it("an edit set aside comes back on Edit… of the same forward, not on another's or a New forward", () => {
    const forward = { id: 'f1', spec: { target: bastion, remotePort: 22, localPort: 'auto' } } as unknown as ForwardInfo;
    const other = { id: 'f2', spec: { target: bastion, remotePort: 80, localPort: 'auto' } } as unknown as ForwardInfo;
    const drafts = new ForwardDraftStore();
    drafts.setAside({ target: lost, title: 'lost-contact', edit: { forward, savedId: null }, typed });
    drafts.edit(forward, 's1');
    expect(drafts.state).toEqual({ target: lost, title: 'lost-contact', edit: { forward, savedId: 's1' }, typed });

    drafts.setAside({ target: lost, title: 'lost-contact', edit: { forward, savedId: null }, typed });
    drafts.edit(other, null);
    expect(drafts.state?.typed).toBeUndefined();
    drafts.setAside({ target: lost, title: 'lost-contact', edit: { forward, savedId: null }, typed });
    drafts.open(null, '');
    expect(drafts.state).toEqual({ target: null, title: '' });
  });
});
