import type { AppInfo, APP_METHODS, Handlers } from '../../../../shared/ipc/index.js';

/** The app methods: answered from what the process was started with. */
export function appHandlers(info: AppInfo): Handlers<typeof APP_METHODS> {
  return {
    'app.info': () => info,
  };
}
