import type { StoreApi } from 'zustand/vanilla';
import type { Settings } from '../../../shared/ipc/index.js';
import { epochAtLocal, localDate } from '../../../shared/time/index.js';
import type { LinkStatus } from '../api/index.js';
import type { ConsoleGateway } from '../services/index.js';
import type { ConsoleState } from '../store/index.js';
import type { SettingsExtra } from '../store/view-slice.js';
import { refusalWords } from '../i18n/reason-words.js';

/** Puts core's settings into the store (language, zone, palette, zoom, snap, teams). */
function applySettings(store: StoreApi<ConsoleState>, s: Settings): void {
  const state = store.getState();
  const zoneChanged = state.timeZone !== s.timeZone || state.viewStart === 0;
  store.setState({
    locale: s.language,
    timeZone: s.timeZone,
    timeZoneFollowsServer: s.timeZoneFollowsServer,
    basemapStyleUrl: s.basemapStyleUrl,
    basemapPmtiles: s.basemapPmtiles,
    palette: s.palette,
    zoom: s.boardZoom,
    snapMin: s.snapMinutes,
    teams: s.teamsShown === 'all' ? [] : s.teamsShown,
    ...(zoneChanged ? { viewStart: epochAtLocal(localDate(Date.now(), s.timeZone), 0, s.timeZone) } : {}),
  });
}

/**
 * Starts the console: settings, the whole view, then live changes, positions, link status and undo history. Each
 * time the link to core comes back, the view is taken again.
 */
export async function bootConsole(
  link: LinkStatus,
  gateway: ConsoleGateway,
  store: StoreApi<ConsoleState>,
): Promise<void> {
  applySettings(store, await gateway.settings());
  gateway.onSettings((s) => applySettings(store, s));
  let pending: { extra: SettingsExtra; done: Array<{ resolve(): void; reject(e: Error): void }> } | null = null;
  store.setState({
    // View preferences go back to core's settings file, so every window and the next start see them. Changes in one
    // task are sent together; the time zone goes only when picked in the dialog (core may have just taken the
    // server's, and a stale copy must not undo it).
    saveSettings: (extra = {}) =>
      new Promise<void>((resolve, reject) => {
        if (pending) {
          Object.assign(pending.extra, extra);
          pending.done.push({ resolve, reject });
          return;
        }
        pending = { extra: { ...extra }, done: [{ resolve, reject }] };
        queueMicrotask(() => {
          const batch = pending!;
          pending = null;
          const s = store.getState();
          gateway
            .saveSettings({
              language: s.locale,
              palette: s.palette,
              boardZoom: s.zoom,
              snapMinutes: s.snapMin,
              teamsShown: s.teams.length ? s.teams : 'all',
              ...batch.extra,
            })
            .then(
              () => batch.done.forEach((d) => d.resolve()),
              (err: Error) => {
                store.getState().notify('error', refusalWords(err, store.getState().locale));
                batch.done.forEach((d) => d.reject(err));
              },
            );
        });
      }),
  });
  // SLA clocks need each changed order's audit trail (response, holds), which core reads from its cache.
  const refreshClocks = (orderIds: string[] | null) =>
    gateway
      .slaTimelines(orderIds)
      .then((list) => store.getState().applySlaTimelines(list, orderIds === null))
      .catch((err: Error) => store.getState().notify('error', refusalWords(err, store.getState().locale)));
  gateway.onChanges((c) => {
    store.getState().applyChanges(c);
    const ids = [...new Set([...c.orders.map((o) => o.id), ...c.eventOrderIds])];
    if (c.reset) void refreshClocks(null);
    else if (ids.length) void refreshClocks(ids);
  });
  gateway.onSlaAlert((a) => store.getState().raiseSlaAlert(a));
  gateway.onSlaAlertsAcked((ids) => store.getState().dropSlaAlerts(ids));
  gateway.onPositions((p) => store.getState().applyPositions(p));
  gateway.onStatus((s) => store.getState().setStatus(s));
  gateway.onHistory((h) => store.getState().setHistory(h));
  const load = async () => {
    const snapshot = await gateway.snapshot();
    store.getState().applySnapshot(snapshot);
    await refreshClocks(null);
    for (const a of await gateway.slaAlerts()) store.getState().raiseSlaAlert(a);
    store.getState().setHistory(await gateway.history());
  };
  await load();
  let wasOpen = link.state === 'open';
  link.onChange((state) => {
    if (state === 'open' && !wasOpen)
      void load().catch((err: Error) => store.getState().notify('error', refusalWords(err, store.getState().locale)));
    wasOpen = state === 'open';
  });
}
