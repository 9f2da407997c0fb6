import { Settings } from '../../shared/ipc/index.js';
import { basemapOriginsOf, contentSecurityPolicy } from '../../shared/security/csp.js';
import type { CoreLink } from './core-link.js';

/**
 * The CSP as the current settings make it: starts with no online basemap, reads the settings from core once it is
 * up, and follows every `settings.changed` (a new basemap origin applies from the next page load).
 */
export class CspState {
  private origins: string[] = [];

  header = () => contentSecurityPolicy({ basemapOrigins: this.origins }, 'header');
  both = () => ({ header: this.header(), meta: contentSecurityPolicy({ basemapOrigins: this.origins }, 'meta') });

  async follow(core: CoreLink): Promise<void> {
    core.onEvent((m) => {
      if (m.event !== 'settings.changed') return;
      const parsed = Settings.safeParse(m.payload);
      if (parsed.success) this.origins = basemapOriginsOf(parsed.data);
    });
    const reply = await core.call({ type: 'call', id: 0, method: 'settings.get' });
    const parsed = reply.ok ? Settings.safeParse(reply.value) : null;
    if (parsed?.success) this.origins = basemapOriginsOf(parsed.data);
  }
}
