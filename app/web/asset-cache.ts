// The built renderer's content-hashed files (vite names them assets/<name>-<hash>.<ext>): one
// name is one content, so the web host reads each once and keeps it in memory, and tells the
// browser it may keep it too. index.html and unhashed files are read on every request and never
// cached, so a rebuild while the host runs is seen on the next reload (issue 16 §1: first page).
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export const ASSET_CACHE = {
  /**
   * A file vite named by its content: directly in assets/, `<name>-<8 base64url chars>.<ext>`
   * (vite's default file names for chunks, entries and assets).
   */
  HASHED_NAME: /^[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/,
  /** The folder vite writes them to (build.assetsDir, default). */
  ASSETS_DIR: 'assets',
  /**
   * Memory the host may keep for them: the renderer's JS and CSS are ~1 MB and its source maps
   * ~5 MB, so this holds all of it; a file past the budget is still served, read each time.
   */
  MAX_BYTES: 32 * 1024 * 1024,
  /**
   * A hashed name never changes content: the browser keeps it for a year and does not ask again
   * (a reload loads only index.html). Private: it is the user's own local host.
   */
  IMMUTABLE: 'private, max-age=31536000, immutable',
} as const;

/** Whether a resolved file of the renderer is one of vite's content-hashed assets. */
export function isHashedAsset(file: string): boolean {
  return basename(dirname(file)) === ASSET_CACHE.ASSETS_DIR && ASSET_CACHE.HASHED_NAME.test(basename(file));
}

/** Hashed assets by their resolved path, read once; concurrent first requests share one read. */
export class AssetCache {
  readonly #files = new Map<string, Promise<Buffer>>();
  #bytes = 0;

  constructor(private readonly maxBytes: number = ASSET_CACHE.MAX_BYTES) {}

  /** The file's bytes; kept for later requests while the budget lasts. A failed read is not kept. */
  read(file: string): Promise<Buffer> {
    const known = this.#files.get(file);
    if (known !== undefined) return known;
    const reading = readFile(file);
    this.#files.set(file, reading);
    reading.then(
      (bytes) => {
        if (this.#bytes + bytes.length > this.maxBytes) this.#files.delete(file);
        else this.#bytes += bytes.length;
      },
      () => this.#files.delete(file),
    );
    return reading;
  }

  /** Bytes held now (for tests and diagnostics). */
  get bytes(): number {
    return this.#bytes;
  }
}
