import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { Settings, type Language, type SettingsPatch } from '../../../shared/ipc/index.js';
import { isTimeZone } from '../../../shared/time/index.js';

/** The settings a console starts with: the machine's time zone and language, everything shown. */
export function defaultSettings(locale: string, timeZone: string): Settings {
  const language: Language = /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
  return {
    timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
    timeZoneFollowsServer: true,
    language,
    palette: 'status',
    boardZoom: 'day',
    snapMinutes: 15,
    teamsShown: 'all',
    basemapStyleUrl: null,
    basemapPmtiles: null,
    basemapOrigins: [],
  };
}

/**
 * The console's preferences in a small JSON file. Writes are atomic (a temporary file renamed over the old one), so a
 * crash leaves the old or the new settings, never half of them. A file that cannot be read is kept aside, and every
 * value in it that is still valid is kept.
 */
export class SettingsFile {
  private current: Settings;
  /** What went wrong reading the file at start, for the log; null when it was fine or absent. */
  readonly problem: string | null = null;

  constructor(
    private readonly path: string,
    defaults: Settings,
  ) {
    const loaded = load(path, defaults);
    this.current = loaded.settings;
    if (loaded.problem) {
      const aside = `${path}.invalid-${Date.now()}`;
      renameSync(path, aside);
      this.problem = `${loaded.problem}; the file was kept as ${aside}`;
      this.write(this.current);
    }
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** Applies a validated patch and stores the result; answers with all settings. */
  update(patch: SettingsPatch): Settings {
    const next = Settings.parse({ ...this.current, ...patch });
    this.write(next);
    this.current = next;
    return this.get();
  }

  private write(settings: Settings): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(settings, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}

function load(path: string, defaults: Settings): { settings: Settings; problem: string | null } {
  if (!existsSync(path)) return { settings: defaults, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { settings: defaults, problem: `settings.json is not JSON (${(err as Error).message})` };
  }
  // A file from an earlier version lacks the settings added since: they take their defaults quietly.
  const whole = Settings.safeParse(
    raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...defaults, ...raw } : raw,
  );
  if (whole.success) return { settings: whole.data, problem: null };
  // Keep each value that is still valid on its own; reset only the broken ones.
  const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const settings = { ...defaults };
  const dropped: string[] = [];
  for (const key of Object.keys(Settings.shape) as Array<keyof Settings>) {
    if (!(key in record)) continue;
    const field = Settings.shape[key].safeParse(record[key]);
    if (field.success) Object.assign(settings, { [key]: field.data });
    else dropped.push(key);
  }
  const unknown = Object.keys(record).filter((k) => !(k in Settings.shape));
  const reasons = [
    dropped.length ? `reset ${dropped.join(', ')}` : '',
    unknown.length ? `ignored ${unknown.join(', ')}` : '',
  ].filter(Boolean);
  return { settings, problem: `settings.json had invalid entries (${reasons.join('; ') || 'not an object'})` };
}
