// The `files` service in Electron: shows a recording Porthole wrote in the system's file manager
// (shell.showItemInFolder, injected so this file needs no electron import and is unit-tested).
// The page only names a path; main shows it only when this process wrote that very file, so a
// compromised page cannot make Porthole open folders anywhere on the computer.
import { isAbsolute, normalize } from 'node:path';
import type { ShowInFolderResult } from '../../shared/contract/index.js';
import type { ServiceImpl } from '../../main/ipc/service.js';

export interface ShowInFolderDeps {
  /** Whether Porthole wrote this file (ShellManager.wroteRecording). */
  readonly wrote: (path: string) => boolean;
  /** Whether the file is still there. */
  readonly exists: (path: string) => Promise<boolean>;
  /** Opens the folder with the file selected (shell.showItemInFolder in the app). */
  readonly reveal: (path: string) => void;
}

/** Why `path` must not be shown, or null when it may be. */
export async function showRefusal(path: string, deps: Pick<ShowInFolderDeps, 'wrote' | 'exists'>): Promise<string | null> {
  // Exactly the path Porthole wrote: no relative path, no `..`, no doubled separators to slip past the check.
  if (!isAbsolute(path) || normalize(path) !== path) return 'not a file Porthole wrote';
  if (!deps.wrote(path)) return 'not a file Porthole wrote';
  if (!(await deps.exists(path))) return `${path} is no longer there`;
  return null;
}

export function createFilesService(deps: ShowInFolderDeps): ServiceImpl<'files'> {
  return {
    showInFolder: async ({ path }): Promise<ShowInFolderResult> => {
      const refusal = await showRefusal(path, deps);
      if (refusal !== null) return { shown: false, reason: refusal };
      try {
        deps.reveal(path);
        return { shown: true };
      } catch (error) {
        return { shown: false, reason: `the system could not show it: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}
