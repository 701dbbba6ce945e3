// Files dropped on a shell tab's terminal: the transfer dialog opens for the active tab's
// target with those files, so the person confirms the remote path before anything is sent.
import { useState, type DragEvent } from 'react';
import type { AppModel } from '../root/app-model.js';
import type { Tab } from '../sessions/session-store.js';

const hasFiles = (e: DragEvent): boolean => e.dataTransfer.types.includes('Files');

export function useTerminalDrop(model: AppModel, active: Tab | null) {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent<HTMLElement>) => {
        if (!active || !hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent<HTMLElement>) => {
        setOver(false);
        if (!active || !hasFiles(e)) return;
        e.preventDefault();
        const files = [...e.dataTransfer.files];
        if (files.length > 0) model.transfers.ask({ direction: 'upload', target: active.target, title: active.title, files });
      },
    },
  };
}
