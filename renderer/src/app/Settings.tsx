import { useT } from '../i18n/use-t.js';
import { LOCALES, type Locale } from '../i18n/messages.js';
import { consoleStore, useConsole } from '../store/index.js';

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
  const save = useConsole((s) => s.saveSettings);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label={t('settings.title')} onClick={(e) => e.stopPropagation()}>
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
              save?.();
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
            value={timeZone}
            onChange={(e) => {
              consoleStore().getState().setTimeZone(e.target.value);
              save?.();
            }}
          >
            {[...new Set([timeZone, ...ZONES])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <button onClick={onClose}>{t('settings.close')}</button>
      </div>
    </div>
  );
}
