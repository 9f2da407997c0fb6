import { useEffect, useMemo, useState } from 'react';
import { epochAtLocal, localDate } from '../../../../shared/time/index.js';
import { formatShortDay } from '../../i18n/format.js';
import { clauseWords, labelled } from '../../i18n/punctuation.js';
import { useT } from '../../i18n/use-t.js';
import { useActions } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { Dialog } from '../../ui/Dialog.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { capacityGrid, type CapacityCell } from './capacity-grid.js';

/** Days the heat map covers, today first. */
export const CAPACITY_DAYS = 14;

/**
 * Every team's working time for the next two weeks as a heat map: hours left after booked work and travel, shaded by
 * how full the day is, with the emergency buffer marked. Worked out by core on the cache (offline too) and again
 * whenever bookings change on any console; a cell opens that team's day on the board.
 */
export function CapacityView({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const timeZone = useConsole((s) => s.timeZone);
  const locale = useConsole((s) => s.locale);
  const dataVersion = useConsole((s) => s.dataVersion);
  const [days, setDays] = useState<Awaited<ReturnType<typeof actions.capacity>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = epochAtLocal(localDate(Date.now(), timeZone), 0, timeZone);

  useEffect(() => {
    let live = true;
    actions.capacity(today, CAPACITY_DAYS).then(
      (d) => {
        if (!live) return;
        setDays(d);
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
    // dataVersion: a booking made or moved anywhere changes the hours.
  }, [actions, today, dataVersion]);

  const grid = useMemo(() => (days ? capacityGrid(days) : null), [days]);

  const open = (cell: CapacityCell) => {
    const s = consoleStore().getState();
    s.setZoom('day');
    s.setTeams([cell.team]);
    s.setViewStart(cell.dayStart);
    onClose();
  };

  const title = (c: CapacityCell) =>
    c.level === 'none'
      ? t('capacity.noShifts')
      : t('capacity.cellTitle', {
          available: c.availableH,
          booked: c.bookedH,
          work: c.workH,
          travel: c.travelH,
          left: c.remainingH,
          buffer: c.bufferH,
          full: c.fullPct,
        });

  return (
    <Dialog
      label={t('capacity.title', { days: CAPACITY_DAYS })}
      className="capacity-view"
      testId="capacity-view"
      onClose={onClose}
    >
      <header className="capacity-head">
        <h2>{t('capacity.title', { days: CAPACITY_DAYS })}</h2>
        <span className="spacer" />
        <button onClick={onClose}>{t('common.close')}</button>
      </header>
      <p className="muted">{t('capacity.hint')}</p>
      <ul className="capacity-legend" aria-label={t('capacity.legend')}>
        {(['low', 'mid', 'high', 'buffer', 'over', 'none'] as const).map((l) => (
          <li key={l}>
            <span className={`capacity-swatch cap-${l}`} aria-hidden="true" />
            {t(`capacity.level.${l}`)}
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!grid && !error && <p>{t('common.loading')}</p>}
      {grid && grid.rows.length === 0 && <p>{t('capacity.noTeams')}</p>}
      {grid && grid.rows.length > 0 && (
        <div className="capacity-scroll">
          <table className="capacity-table" data-testid="capacity-table">
            <thead>
              <tr>
                <th scope="col">{t('capacity.team')}</th>
                {grid.dayStarts.map((d) => (
                  <th key={d} scope="col">
                    {formatShortDay(d, locale, timeZone)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => (
                <tr key={row.team}>
                  <th scope="row">{teamLabel(row.team, locale)}</th>
                  {row.cells.map((c) => (
                    <td key={c.dayStart} className={`cap-${c.level}`}>
                      <button
                        className="capacity-cell"
                        title={title(c)}
                        aria-label={labelled(
                          clauseWords(
                            [teamLabel(row.team, locale), formatShortDay(c.dayStart, locale, timeZone)],
                            locale,
                          ),
                          title(c),
                          locale,
                        )}
                        data-testid={`capacity-${row.team}-${localDate(c.dayStart, timeZone)}`}
                        data-left={c.remainingH}
                        onClick={() => open(c)}
                      >
                        {c.level === 'none' ? '–' : t('capacity.hours', { h: c.remainingH })}
                      </button>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
