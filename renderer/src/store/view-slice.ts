import type { StateCreator } from 'zustand';
import type { Locale } from '../i18n/messages.js';
import type { Palette, Settings, SettingsPatch } from '../../../shared/ipc/index.js';
import type { ConsoleState } from './index.js';

export type { Palette } from '../../../shared/ipc/index.js';
export type Zoom = Settings['boardZoom'];
export type SnapMinutes = Settings['snapMinutes'];

/** Settings the dispatcher changes in the settings dialog, sent with the view preferences. */
export type SettingsExtra = Pick<
  SettingsPatch,
  'timeZone' | 'timeZoneFollowsServer' | 'basemapStyleUrl' | 'basemapPmtiles'
>;

/** How the dispatcher has arranged the console; kept in core's settings file. */
export interface ViewSlice {
  palette: Palette;
  zoom: Zoom;
  snapMin: SnapMinutes;
  /** Teams shown on the board; empty means all. */
  teams: string[];
  locale: Locale;
  /** The control centre's time zone: every time is shown in it, whatever the computer's zone. */
  timeZone: string;
  /** Whether the zone is the one the server names for the centre (rather than one the dispatcher picked). */
  timeZoneFollowsServer: boolean;
  /** The map's online style, or a local .pmtiles file; neither: the shipped offline basemap. */
  basemapStyleUrl: string | null;
  basemapPmtiles: string | null;
  /** The instant the board's day (or week) starts at. */
  viewStart: number;
  /** Whether the board leaves out engineers off shift for the whole day (or week) shown, per view. */
  hideOffShift: Record<Zoom, boolean>;
  /** How many engineers the board leaves out for that now (the board tells; the toolbar's switch shows it). */
  offShiftHidden: number;
  setHideOffShift(hide: boolean): void;
  setOffShiftHidden(n: number): void;
  setPalette(p: Palette): void;
  setZoom(z: Zoom): void;
  setSnap(m: SnapMinutes): void;
  setTeams(t: string[]): void;
  setLocale(l: Locale): void;
  setTimeZone(tz: string): void;
  setViewStart(t: number): void;
  /**
   * Sends the view preferences to core, with `extra` settings the dispatcher changed in the settings dialog (the time
   * zone only when picked there, the basemap); resolves once core has stored them, rejects with core's reason.
   */
  saveSettings: ((extra?: SettingsExtra) => Promise<void>) | null;
}

export const createViewSlice: StateCreator<ConsoleState, [], [], ViewSlice> = (set, get) => ({
  palette: 'status',
  zoom: 'day',
  snapMin: 15,
  teams: [],
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  timeZoneFollowsServer: true,
  basemapStyleUrl: null,
  basemapPmtiles: null,
  viewStart: 0,
  hideOffShift: { day: true, week: false },
  offShiftHidden: 0,
  setHideOffShift: (hide) => set((s) => ({ hideOffShift: { ...s.hideOffShift, [s.zoom]: hide } })),
  setOffShiftHidden: (offShiftHidden) => set({ offShiftHidden }),
  setPalette: (palette) => {
    set({ palette });
    void get()
      .saveSettings?.()
      .catch(() => {});
  },
  setZoom: (zoom) => {
    set({ zoom });
    void get()
      .saveSettings?.()
      .catch(() => {});
  },
  setSnap: (snapMin) => {
    set({ snapMin });
    void get()
      .saveSettings?.()
      .catch(() => {});
  },
  setTeams: (teams) => {
    set({ teams });
    void get()
      .saveSettings?.()
      .catch(() => {});
  },
  // A notice is written in the language it was given in: one in the language left behind goes with it, rather than
  // stay in the other language on a screen that now reads in this one.
  setLocale: (locale) => set((s) => (s.locale === locale ? {} : { locale, notice: null })),
  setTimeZone: (timeZone) => set({ timeZone }),
  setViewStart: (viewStart) => set({ viewStart }),
  saveSettings: null,
});
