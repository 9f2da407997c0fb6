import type { Handlers, SETTINGS_METHODS } from '../../../../shared/ipc/index.js';
import type { SettingsFile } from '../../settings/settings-file.js';
import type { ApiEventBus } from '../event-bus.js';

/** The settings methods: read and change the JSON file, and tell every window about a change. */
export function settingsHandlers(file: SettingsFile, events: ApiEventBus): Handlers<typeof SETTINGS_METHODS> {
  return {
    'settings.get': () => file.get(),
    'settings.set': (patch) => {
      const settings = file.update(patch);
      events.emit('settings.changed', settings);
      return settings;
    },
  };
}
