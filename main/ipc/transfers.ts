// The `transfers` service (issue 17) over main/hubs' TransfersHub. Chunks travel as base64 in
// the JSON control plane; the contract bounds each to TRANSFER_BOUNDS.CHUNK_BYTES.
import { ContractError } from '../../shared/contract/index.js';
import { TransferNotFoundError, type TransfersHub } from '../hubs/transfers/transfers-hub.js';
import { TransferError } from '../transfer/index.js';
import { plainly } from './plain-error.js';
import type { ServiceImpl } from './service.js';

function words<T>(run: () => Promise<T> | T): Promise<T> {
  return plainly(async () => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof TransferNotFoundError || err instanceof TransferError) throw new ContractError('failed', err.message);
      throw err;
    }
  });
}

export function createTransfersService({ hub }: { readonly hub: TransfersHub }): ServiceImpl<'transfers'> {
  return {
    list: () => words(() => ({ transfers: hub.list() })),
    startUpload: (p) => words(() => ({ transfer: hub.startUpload(p) })),
    uploadChunk: ({ id, offset, data }) => words(async () => ({ received: await hub.uploadChunk(id, offset, Buffer.from(data, 'base64')) })),
    startDownload: (p) => words(() => ({ transfer: hub.startDownload(p) })),
    readDownload: ({ id, offset, length }) => words(async () => {
      const { data, eof } = await hub.readDownload(id, offset, length);
      return { data: data.toString('base64'), eof };
    }),
    cancel: ({ id }) => words(() => { hub.cancel(id); return {}; }),
    dismiss: ({ id }) => words(async () => { await hub.dismiss(id); return {}; }),
    lastPath: ({ target }) => words(async () => ({ path: await hub.lastPath(target) })),
  };
}
