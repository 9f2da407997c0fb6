import { addDays, epochAtLocal, localDate } from '../../../../shared/time/index.js';
import { formatDay } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import type { SnapMinutes } from '../../store/view-slice.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { useMemo, useRef, useState } from 'react';
import { ViolationsPanel } from './ViolationsPanel.js';

/** Day or week, snap, colours, teams, and stepping through days. */
export function BoardToolbar() {
  const t = useT();
  const zoom = useConsole((s) => s.zoom);
  const snap = useConsole((s) => s.snapMin);
  const palette = useConsole((s) => s.palette);
  const teams = useConsole((s) => s.teams);
  const viewStart = useConsole((s) => s.viewStart);
  const timeZone = useConsole((s) => s.timeZone);
  const locale = useConsole((s) => s.locale);
  const dataVersion = useConsole((s) => s.dataVersion);
  const broken = useConsole((s) => s.violations.size);
  const hideOffShift = useConsole((s) => s.hideOffShift[s.zoom]);
  const offShiftHidden = useConsole((s) => s.offShiftHidden);
  const [violationsOpen, setViolationsOpen] = useState(false);
  const violationsButton = useRef<HTMLButtonElement>(null);
  const s = consoleStore().getState();
  const allTeams = useMemo(
    () => [...new Set([...consoleStore().getState().engineers.values()].map((e) => e.team))].sort(),
    [dataVersion],
  );
  const step = (days: number) =>
    s.setViewStart(epochAtLocal(addDays(localDate(viewStart, timeZone), days), 0, timeZone));
  const today = () => s.setViewStart(epochAtLocal(localDate(Date.now(), timeZone), 0, timeZone));
  return (
    <div className="toolbar" role="toolbar" aria-label={t('board.title')}>
      <button onClick={() => step(zoom === 'week' ? -7 : -1)} aria-label={t('board.prev')}>
        ‹
      </button>
      <button onClick={today}>{t('board.today')}</button>
      <button onClick={() => step(zoom === 'week' ? 7 : 1)} aria-label={t('board.next')}>
        ›
      </button>
      <strong className="view-date">{formatDay(viewStart, locale, timeZone)}</strong>
      <div className="segmented" role="group">
        <button
          className={zoom === 'day' ? 'active' : ''}
          aria-pressed={zoom === 'day'}
          onClick={() => s.setZoom('day')}
        >
          {t('board.day')}
        </button>
        <button
          className={zoom === 'week' ? 'active' : ''}
          aria-pressed={zoom === 'week'}
          onClick={() => s.setZoom('week')}
        >
          {t('board.week')}
        </button>
      </div>
      {/* Each choice names itself ("Snap: 15 min"), so the row needs no labels beside them and fits a narrow board. */}
      <select
        value={snap}
        onChange={(e) => s.setSnap(Number(e.target.value) as SnapMinutes)}
        aria-label={t('board.snap')}
      >
        {[5, 15, 30].map((m) => (
          <option key={m} value={m}>
            {t('board.choice', { what: t('board.snap'), value: t('common.minutes', { n: m }) })}
          </option>
        ))}
      </select>
      <select
        value={palette}
        onChange={(e) => s.setPalette(e.target.value as 'status' | 'priority')}
        aria-label={t('board.palette')}
        data-testid="palette"
      >
        <option value="status">
          {t('board.choice', { what: t('board.palette'), value: t('board.palette.status') })}
        </option>
        <option value="priority">
          {t('board.choice', { what: t('board.palette'), value: t('board.palette.priority') })}
        </option>
      </select>
      <select
        value={teams[0] ?? ''}
        onChange={(e) => s.setTeams(e.target.value ? [e.target.value] : [])}
        aria-label={t('board.team')}
        data-testid="team-filter"
      >
        <option value="">{t('queue.allTeams')}</option>
        {allTeams.map((id) => (
          <option key={id} value={id}>
            {teamLabel(id, locale)}
          </option>
        ))}
      </select>
      <label className="switch" data-testid="hide-off-shift">
        <input
          type="checkbox"
          role="switch"
          checked={hideOffShift}
          onChange={(e) => s.setHideOffShift(e.target.checked)}
        />
        {hideOffShift && offShiftHidden > 0
          ? t('board.offShiftHidden', { n: offShiftHidden })
          : t('board.hideOffShift')}
      </label>
      <span className="violations-anchor">
        <button
          ref={violationsButton}
          className={broken > 0 ? 'violations-toggle has' : 'violations-toggle'}
          aria-expanded={violationsOpen}
          onClick={() => setViolationsOpen((open) => !open)}
          data-testid="violations-toggle"
          data-count={broken}
        >
          ⚠ {t('violations.button', { n: broken })}
        </button>
        {violationsOpen && (
          <ViolationsPanel
            onClose={() => {
              setViolationsOpen(false);
              violationsButton.current?.focus();
            }}
          />
        )}
      </span>
    </div>
  );
}
