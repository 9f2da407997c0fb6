import { useState } from 'react';
import { useT } from '../i18n/use-t.js';
import { LOCALES, type Locale } from '../i18n/messages.js';
import { consoleStore, useConsole } from '../store/index.js';
import { Dialog } from '../ui/Dialog.js';

/** The select's value for following the zone the server names. */
const SERVER_ZONE = 'server';

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
];

/** Language and the control centre's time zone. */
export function Settings({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const follows = useConsole((s) => s.timeZoneFollowsServer);
  const save = useConsole((s) => s.saveSettings);
  const currentStyleUrl = useConsole((s) => s.basemapStyleUrl);
  const currentPmtiles = useConsole((s) => s.basemapPmtiles);
  const [basemap, setBasemap] = useState({ styleUrl: currentStyleUrl ?? '', pmtiles: currentPmtiles ?? '' });
  return (
    <Dialog label={t('settings.title')} onClose={onClose}>
      <h2>{t('settings.title')}</h2>
      <label>
        {t('settings.language')}
        <select
          value={locale}
          data-testid="language"
          onChange={(e) => {
            consoleStore()
              .getState()
              .setLocale(e.target.value as Locale);
            void save?.().catch(() => {});
          }}
        >
          {Object.keys(LOCALES).map((l) => (
            <option key={l} value={l}>
              {l === 'en' ? 'English' : '简体中文'}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.timeZone')}
        <select
          value={follows ? SERVER_ZONE : timeZone}
          data-testid="time-zone"
          onChange={(e) => {
            const follow = e.target.value === SERVER_ZONE;
            const zone = follow ? timeZone : e.target.value;
            consoleStore().setState({ timeZoneFollowsServer: follow });
            consoleStore().getState().setTimeZone(zone);
            void save?.({ timeZone: zone, timeZoneFollowsServer: follow }).catch(() => {});
          }}
        >
          <option value={SERVER_ZONE}>{t('settings.timeZoneServer', { zone: timeZone })}</option>
          {[...new Set([timeZone, ...ZONES])].map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <form
        className="basemap-settings"
        onSubmit={(e) => {
          e.preventDefault();
          const styleUrl = basemap.styleUrl.trim() || null;
          const file = basemap.pmtiles.trim() || null;
          void save?.({ basemapStyleUrl: styleUrl, basemapPmtiles: file }).then(
            // A new style's origin enters the page's content security policy only on a fresh load.
            () => styleUrl !== currentStyleUrl && location.reload(),
            () => {},
          );
        }}
      >
        <label>
          {t('settings.basemapStyleUrl')}
          <input
            type="url"
            value={basemap.styleUrl}
            placeholder="https://…/style.json"
            onChange={(e) => setBasemap((b) => ({ ...b, styleUrl: e.target.value }))}
          />
        </label>
        <label>
          {t('settings.basemapPmtiles')}
          <input
            value={basemap.pmtiles}
            placeholder="shanghai.pmtiles"
            onChange={(e) => setBasemap((b) => ({ ...b, pmtiles: e.target.value }))}
          />
        </label>
        <button type="submit">{t('settings.apply')}</button>
      </form>
      <button onClick={onClose}>{t('settings.close')}</button>
    </Dialog>
  );
}
