import { z } from 'zod';
import { Id } from '../../domain/index.js';
import { isTimeZone } from '../../time/index.js';
import { method } from '../define.js';
import { NoArgs } from './no-args.js';

/** Languages the console speaks. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** What the board colours bookings by. */
export const PALETTES = ['status', 'priority'] as const;
export const Palette = z.enum(PALETTES);
export type Palette = z.infer<typeof Palette>;

/** How much time the board shows at once. */
export const BoardZoom = z.enum(['day', 'week']);
/** Where a dragged booking snaps to, in minutes. */
export const SnapMinutes = z.union([z.literal(5), z.literal(15), z.literal(30)]);

/** An https origin (scheme, host and port only), as a CSP source lists it. */
export const HttpsOrigin = z
  .string()
  .max(200)
  .regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'an origin is https://host or https://host:port, lower case, no path');

/** A basemap style document on the internet; its origin is allowed in the CSP. */
export const StyleUrl = z.url({ protocol: /^https$/, error: 'the basemap style URL must be an https URL' }).max(2_000);

/** The console's own preferences, kept by core in a small JSON file beside the cache. */
export const Settings = z.strictObject({
  /** The control centre's time zone: every time on screen is shown in it. */
  timeZone: z.string().refine(isTimeZone, {
    message: 'not a known IANA time zone (e.g. Asia/Shanghai)',
    params: { say: 'unknownTimeZone' },
  }),
  /** Whether the zone follows the one the sync server names for the centre (until the dispatcher picks another). */
  timeZoneFollowsServer: z.boolean(),
  language: Language,
  palette: Palette,
  boardZoom: BoardZoom,
  snapMinutes: SnapMinutes,
  /** The teams on the board and map; `all` for supervisors and wall displays. */
  teamsShown: z.union([z.literal('all'), z.array(Id).max(500)]),
  /** An online basemap style (MapLibre style JSON); null uses the shipped offline basemap only. */
  basemapStyleUrl: StyleUrl.nullable(),
  /** A .pmtiles archive in the console's basemaps folder to draw the map on (used when no style URL is set). */
  basemapPmtiles: z
    .string()
    .max(200)
    .regex(/^[\w.-]+\.pmtiles$/, 'a .pmtiles file name in the basemaps folder, without a path')
    .nullable(),
  /** Further origins the style's tiles, sprites and glyphs come from, when not the style's own. */
  basemapOrigins: z.array(HttpsOrigin).max(20),
});
export type Settings = z.infer<typeof Settings>;

/** A change to some settings; the keys left out keep their values. */
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Settings methods. */
export const SETTINGS_METHODS = {
  'settings.get': method('the current settings', NoArgs, Settings),
  'settings.set': method('change some settings; answers with all of them', SettingsPatch, Settings),
};

/** Settings events. */
export const SETTINGS_EVENTS = {
  /** Every console window and browser tab hears a change, whoever made it. */
  'settings.changed': Settings,
};
