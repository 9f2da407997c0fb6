import Gantt from 'frappe-gantt';
import { useEffect, useRef } from 'react';
import type { OrderView } from '../../services/index.js';
import { localDate } from '../../../../shared/time/index.js';

/**
 * The visits of one piece of work (the first order and its revisits) as a plan, one row per visit: the place where
 * frappe-gantt's one-row-per-task model fits.
 */
export function VisitsPlan({
  visits,
  timeZone,
  statusLabel,
}: {
  visits: OrderView[];
  timeZone: string;
  statusLabel: (o: OrderView) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || visits.length < 2) return;
    el.innerHTML = '';
    const tasks = visits.map((v, i) => {
      const start = v.booking?.start ?? v.createdAt;
      const end = Math.max(v.booking?.end ?? v.sla.resolveBy, start + 60_000);
      return {
        id: v.id,
        name: `${v.code} · ${statusLabel(v)}`,
        start: localDate(start, timeZone),
        end: localDate(end, timeZone),
        progress: v.status === 'completed' ? 100 : v.status === 'on_site' ? 50 : 0,
        dependencies: i > 0 ? visits[i - 1]!.id : '',
        custom_class: `visit-${v.status}`,
      };
    });
    new Gantt(el, tasks, {
      view_mode: 'Day',
      readonly: true,
      popup: false,
      today_button: false,
      view_mode_select: false,
      bar_height: 18,
      padding: 14,
    });
  }, [visits, timeZone, statusLabel]);
  if (visits.length < 2) return null;
  return <div className="visits-plan" ref={host} data-testid="visits-plan" />;
}
