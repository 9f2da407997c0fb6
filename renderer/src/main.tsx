// The renderer's entry: until the console views land, a status page that proves the typed API end to end.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppInfo, Settings } from '../../shared/ipc/index.js';
import { connectConsoleApi, type LinkState } from './api/index.js';

const api = connectConsoleApi();

function ConsoleStatus() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [link, setLink] = useState<{ state: LinkState; problem: string | null }>(api.link);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const stopLink = api.link.onChange((state, problem) => setLink({ state, problem }));
    const stopSettings = api.subscribe('settings.changed', setSettings);
    Promise.all([api.call('app.info'), api.call('settings.get')])
      .then(([i, s]) => (setInfo(i), setSettings(s)))
      .catch((e: Error) => setError(e.message));
    return () => (stopLink(), stopSettings());
  }, []);

  const switchLanguage = () =>
    settings &&
    api
      .call('settings.set', { language: settings.language === 'en' ? 'zh-CN' : 'en' })
      .catch((e: Error) => setError(e.message));

  return (
    <main>
      <h1>Dispatch Console</h1>
      <p data-testid="link">
        link: {link.state}
        {link.problem ? ` (${link.problem})` : ''}
      </p>
      {info && (
        <p data-testid="app-info">
          {info.name} {info.version} · {info.mode} · {info.platform} · {info.locale}
        </p>
      )}
      {settings && (
        <p>
          <span data-testid="language">{settings.language}</span> · {settings.timeZone} ·{' '}
          <button type="button" onClick={switchLanguage}>
            {settings.language === 'en' ? '中文' : 'English'}
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleStatus />
  </StrictMode>,
);
