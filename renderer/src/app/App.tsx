import { useEffect, useState, type ReactNode } from 'react';
import { Board, BoardToolbar } from '../features/board/index.js';
import { AutoDispatch, CandidatesPanel } from '../features/dispatch/index.js';
import { EngineerCardPanel } from '../features/engineer/index.js';
import { FindOrder } from '../features/find/index.js';
import { DailySheet, ImportDialog, useExportEntries } from '../features/io/index.js';
import { KpiDashboard } from '../features/kpi/index.js';
import { LateBooking, NewOrderDialog, OrderDetails } from '../features/order/index.js';
import { Queue } from '../features/queue/index.js';
import { PolicyEditor, SlaAlerts } from '../features/sla/index.js';
import { StatusBar } from '../features/sync/index.js';
import { useT } from '../i18n/use-t.js';
import { translate } from '../i18n/messages.js';
import { applyZodLocale } from '../i18n/zod-locale.js';
import { useActions } from '../services/index.js';
import { consoleStore, useConsole } from '../store/index.js';
import { Menu } from '../ui/Menu.js';
import { Settings } from './Settings.js';
import { AutopilotTeams } from '../features/autopilot/index.js';
import { CapacityView } from '../features/capacity/index.js';

/** The engineer an order is booked to, if any. */
function bookedEngineer(orderId: string | null): string | null {
  return (orderId && consoleStore().getState().orders.get(orderId)?.booking?.engineerId) || null;
}

/**
 * Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) anywhere but in a text field; Ctrl+K finds an order; C lists its candidates; E
 * opens the card of the engineer the focused order is booked to (or of the selected engineer when no order is); for an
 * order in the queue it says there is none.
 */
function useUndoKeys(): void {
  const actions = useActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (
        e.key.toLowerCase() === 'e' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !document.querySelector('[role="dialog"][aria-modal="true"]')
      ) {
        const s = consoleStore().getState();
        const focused = s.focusedOrderId ? s.orders.get(s.focusedOrderId) : undefined;
        // An order in the queue has no engineer: say so rather than open the card of one chosen before.
        const id = focused ? bookedEngineer(focused.id) : s.selectedEngineerId;
        if (focused && !id) {
          e.preventDefault();
          s.notify('info', translate(s.locale, 'engineer.noneForOrder', { code: focused.code }));
          return;
        }
        if (id) {
          e.preventDefault();
          s.showEngineerCard(id);
        }
        return;
      }
      if (
        e.key.toLowerCase() === 'c' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !document.querySelector('[role="dialog"][aria-modal="true"]')
      ) {
        const s = consoleStore().getState();
        if (s.focusedOrderId) {
          e.preventDefault();
          s.showCandidates(true);
        }
        return;
      }
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'k') {
        e.preventDefault();
        document.getElementById('find-order')?.focus();
        return;
      }
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void actions.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void actions.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}

/** The console: queue on the left, the board in the middle, details and the map on the right, status below. */
export function App({ map }: { map?: ReactNode }) {
  const t = useT();
  const loaded = useConsole((s) => s.loaded);
  const principal = useConsole((s) => s.principal);
  const notice = useConsole((s) => s.notice);
  const [settings, setSettings] = useState(false);
  const [dispatching, setDispatching] = useState(false);
  const [logging, setLogging] = useState(false);
  const [kpis, setKpis] = useState(false);
  const [slaPolicy, setSlaPolicy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [autopilot, setAutopilot] = useState(false);
  const [capacity, setCapacity] = useState(false);
  const exportEntries = useExportEntries();
  useUndoKeys();
  const locale = useConsole((s) => s.locale);
  useEffect(() => {
    document.title = t('app.title');
    applyZodLocale(locale);
    // Screen readers and fonts follow the page's language.
    document.documentElement.lang = locale;
  }, [t, locale]);
  if (!loaded)
    return (
      <div className="loading">
        {t('common.loading')}
        {notice && (
          <p role="alert" data-testid="boot-problem">
            {notice.text}
          </p>
        )}
      </div>
    );
  return (
    <div className="app">
      <header className="app-header">
        <strong className="brand">{t('app.title')}</strong>
        <SlaAlerts />
        <span className="spacer" />
        <FindOrder />
        <button className="primary" onClick={() => setLogging(true)} data-testid="open-new-order">
          {t('newOrder.open')}
        </button>
        <button onClick={() => setDispatching((v) => !v)} data-testid="open-auto-dispatch">
          {t('dispatch.title')}
        </button>
        <button onClick={() => setKpis(true)} data-testid="open-kpis">
          {t('kpi.open')}
        </button>
        <Menu
          label={t('app.more')}
          testId="open-more"
          entries={[
            { label: t('sla.policy.open'), onSelect: () => setSlaPolicy(true), testId: 'open-sla-policy' },
            { label: t('capacity.open'), onSelect: () => setCapacity(true), testId: 'open-capacity' },
            { label: t('io.import'), onSelect: () => setImporting(true), testId: 'import-open' },
            { label: t('autopilot.open'), onSelect: () => setAutopilot(true), testId: 'open-autopilot' },
            null,
            ...exportEntries,
          ]}
        />
        <span className="who">{principal?.name}</span>
        <button onClick={() => setSettings(true)} data-testid="open-settings">
          {t('settings.title')}
        </button>
      </header>
      <main className="app-main">
        <aside className="pane pane-left">
          <Queue />
        </aside>
        <section className="pane pane-board">
          <BoardToolbar />
          <Board />
        </section>
        <aside className="pane pane-right">
          <OrderDetails />
          {map && <div className="map-pane">{map}</div>}
        </aside>
      </main>
      {dispatching && (
        <div className="dispatch-anchor">
          <AutoDispatch onClose={() => setDispatching(false)} />
        </div>
      )}
      <StatusBar />
      {settings && <Settings onClose={() => setSettings(false)} />}
      {logging && <NewOrderDialog onClose={() => setLogging(false)} />}
      {kpis && <KpiDashboard onClose={() => setKpis(false)} />}
      {slaPolicy && <PolicyEditor onClose={() => setSlaPolicy(false)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {autopilot && <AutopilotTeams onClose={() => setAutopilot(false)} />}
      {capacity && <CapacityView onClose={() => setCapacity(false)} />}
      <CandidatesPanel />
      <EngineerCardPanel />
      <DailySheet />
      <LateBooking />
    </div>
  );
}
