// A transfer row while its launch waits on a credential_process: the words main sent, while it
// runs; none once main sends the row without them, nor on an ended transfer.
import { describe, expect, it } from 'vitest';
import { TransferInfoSchema, type TransferInfo } from '../../shared/contract/index.js';
import { transferWaitNote } from './transfer-wait.js';

const WORDS = 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.';

function transfer(more: Partial<TransferInfo>): TransferInfo {
  return TransferInfoSchema.parse({
    id: 't-1',
    direction: 'download',
    target: { kind: 'instance', profile: 'signin', region: 'us-east-1', instanceId: 'i-0a1b2c3d4e5f60002' },
    remotePath: '/etc/hostname',
    name: 'hostname',
    state: 'running',
    phase: 'Starting',
    progress: { bytes: 0, total: null, bytesPerSecond: 0, etaSeconds: null },
    sha256: null,
    compressed: false,
    error: null,
    startedAt: 0,
    ...more,
  });
}

describe("a transfer row's credential_process wait", () => {
  it('says the words main sent while the transfer runs', () => {
    expect(transferWaitNote(transfer({ helperWait: WORDS }))).toBe(WORDS);
  });

  it('says nothing once main sends the row without them, nor for an ended transfer', () => {
    expect(transferWaitNote(transfer({}))).toBeNull();
    expect(transferWaitNote(transfer({ state: 'cancelled', helperWait: WORDS }))).toBeNull();
  });
});
