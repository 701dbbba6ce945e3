// Hands the one AppModel to every component.
import { createContext, useContext, type ReactNode } from 'react';
import type { AppModel } from './app-model.js';

const ModelContext = createContext<AppModel | null>(null);

export function ModelProvider({ model, children }: { model: AppModel; children: ReactNode }) {
  return <ModelContext value={model}>{children}</ModelContext>;
}

export function useModel(): AppModel {
  const model = useContext(ModelContext);
  if (model === null) throw new Error('useModel() outside <ModelProvider>');
  return model;
}
