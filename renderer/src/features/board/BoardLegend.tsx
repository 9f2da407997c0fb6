import type { Palette } from '../../store/view-slice.js';
import { ORDER_STATUSES, PRIORITIES } from '../../../../shared/domain/index.js';
import { colonOf } from '../../i18n/punctuation.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { PRIORITY_COLOURS, STATUS_COLOURS } from '../../ui/palette.js';

/** What the board's colours and marks mean, for the colouring chosen now (by status or by priority). */
export function BoardLegend({ palette }: { palette: Palette }) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const fills =
    palette === 'status'
      ? ORDER_STATUSES.filter((s) => s !== 'new' && s !== 'cancelled').map((s) => ({
          key: s,
          colour: STATUS_COLOURS[s],
          label: t(`status.${s}` as 'status.new'),
        }))
      : PRIORITIES.map((p) => ({ key: p, colour: PRIORITY_COLOURS[p], label: p }));
  return (
    <div className="board-legend" data-testid="board-legend" data-palette={palette} aria-label={t('legend.title')}>
      <span className="legend-title">
        {t('legend.title')}
        {colonOf(locale).trimEnd()}
      </span>
      {fills.map((f) => (
        <span key={f.key} className="legend-item">
          <span className="legend-swatch" style={{ background: f.colour }} />
          {f.label}
        </span>
      ))}
      <span className="legend-item">
        <span className="legend-swatch mark-jeopardy" />
        {t('legend.jeopardy')}
      </span>
      <span className="legend-item">
        <span className="legend-swatch mark-breached" />
        {t('legend.breached')}
      </span>
      <span className="legend-item">
        <span className="legend-swatch mark-pending" />
        {t('legend.pending')}
      </span>
      <span className="legend-item">
        <span className="legend-sign">⚠</span>
        {t('legend.violation')}
      </span>
      <span className="legend-item">
        <span className="legend-sign late">◷</span>
        {t('legend.late')}
      </span>
    </div>
  );
}
