// The renderer's entry: the dispatcher's console over core's typed API (Electron's preload or the web host).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectConsoleApi } from './api/index.js';
import { App } from './app/App.js';
import { bootConsole } from './app/boot.js';
import { LiveMap } from './features/map/index.js';
import { ActionsContext, ConsoleActions, consoleGateway } from './services/index.js';
import { createConsoleStore, setConsoleStore } from './store/index.js';
import './styles.css';

const api = connectConsoleApi();
const gateway = consoleGateway(api);
const store = createConsoleStore();
setConsoleStore(store);
const actions = new ConsoleActions(gateway, store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ActionsContext.Provider value={actions}>
      <App map={<LiveMap />} />
    </ActionsContext.Provider>
  </StrictMode>,
);

// Until the view has loaded, say why the link to core is down (a wrong token, core not running) rather than wait.
const stopLinkNotes = api.link.onChange((state, problem) => {
  if (store.getState().loaded) return stopLinkNotes();
  if (state !== 'open' && problem) store.getState().notify('error', problem);
});

bootConsole(api.link, gateway, store).catch((err: Error) => {
  store.getState().notify('error', err.message);
  const root = document.getElementById('root');
  if (root && !store.getState().loaded) root.setAttribute('data-boot-error', err.message);
  console.error(`console: ${err.message}`);
});
