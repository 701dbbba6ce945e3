// The current settings, kept fresh by `settings.changed`, and a way to update them.
import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../shared/contract/index.js';
import { errorText } from '../bridge/client.js';
import { useClient } from './client-context.js';

export interface SettingsState {
  readonly settings: Settings | null;
  readonly error: string | null;
  update(patch: SettingsPatch): Promise<void>;
}

export function useSettings(): SettingsState {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const off = client.on('settings', 'changed', ({ settings: next }) => setSettings(next));
    client
      .call('settings', 'get', {})
      .then(({ settings: s }) => live && setSettings(s))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      try {
        setSettings((await client.call('settings', 'update', { patch })).settings);
        setError(null);
      } catch (err) {
        setError(errorText(err));
      }
    },
    [client],
  );

  return { settings, error, update };
}
