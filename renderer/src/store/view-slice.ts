import type { StateCreator } from 'zustand';
import type { Locale } from '../i18n/messages.js';
import type { ConsoleState } from './index.js';

export type Palette = 'status' | 'priority';
export type Zoom = 'day' | 'week';
export type SnapMinutes = 5 | 15 | 30;

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
  /** The instant the board's day (or week) starts at. */
  viewStart: number;
  setPalette(p: Palette): void;
  setZoom(z: Zoom): void;
  setSnap(m: SnapMinutes): void;
  setTeams(t: string[]): void;
  setLocale(l: Locale): void;
  setTimeZone(tz: string): void;
  setViewStart(t: number): void;
}

export const createViewSlice: StateCreator<ConsoleState, [], [], ViewSlice> = (set) => ({
  palette: 'status',
  zoom: 'day',
  snapMin: 15,
  teams: [],
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  viewStart: 0,
  setPalette: (palette) => set({ palette }),
  setZoom: (zoom) => set({ zoom }),
  setSnap: (snapMin) => set({ snapMin }),
  setTeams: (teams) => set({ teams }),
  setLocale: (locale) => set({ locale }),
  setTimeZone: (timeZone) => set({ timeZone }),
  setViewStart: (viewStart) => set({ viewStart }),
});
