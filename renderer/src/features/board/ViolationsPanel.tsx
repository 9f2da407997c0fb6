import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useActions } from '../../services/index.js';
import { formatTime } from '../../i18n/format.js';
import { labelled } from '../../i18n/punctuation.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { violationRows } from './violation-rows.js';

/**
 * The bookings on the board's days that break a hard rule, with one-key fixes: B books the order to the engine's best
 * candidate, U (or Delete) sends it back to the queue, Enter shows it on the board; arrows move, Esc closes.
 */
export function ViolationsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const violations = useConsole((s) => s.violations);
  const dataVersion = useConsole((s) => s.dataVersion);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const names = useEngineerNames();
  const rows = useMemo(
    () => violationRows(violations, consoleStore().getState().orders, names),
    [violations, dataVersion, names],
  );
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const at = Math.min(active, Math.max(0, rows.length - 1));
  const current = rows[at];

  useEffect(() => {
    (list.current ?? box.current)?.focus();
  }, []);
  // Keep the chosen row in view inside the list (scrolling only the list, never the board behind it).
  useEffect(() => {
    const ul = list.current;
    const li = ul?.querySelector<HTMLElement>(`[data-index="${at}"]`);
    if (!ul || !li) return;
    if (li.offsetTop < ul.scrollTop) ul.scrollTop = li.offsetTop;
    else if (li.offsetTop + li.offsetHeight > ul.scrollTop + ul.clientHeight)
      ul.scrollTop = li.offsetTop + li.offsetHeight - ul.clientHeight;
  }, [at]);

  const bookBest = (orderId: string) => void actions.assignBest(orderId);
  const unassign = (orderId: string) => void actions.unassign([orderId]);
  const show = (orderId: string) => consoleStore().getState().selectOrder(orderId);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'Escape') onClose();
    else if (key === 'ArrowDown') setActive(Math.min(rows.length - 1, at + 1));
    else if (key === 'ArrowUp') setActive(Math.max(0, at - 1));
    else if (key === 'Home') setActive(0);
    else if (key === 'End') setActive(Math.max(0, rows.length - 1));
    else if (!current) return;
    else if (key === 'b') bookBest(current.order.id);
    else if (key === 'u' || key === 'Delete') unassign(current.order.id);
    else if (key === 'Enter') show(current.order.id);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={box}
      className="popover violations-panel"
      data-testid="violations-panel"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <h3>{t('violations.title')}</h3>
      <p className="violations-keys">{t('violations.keys')}</p>
      {rows.length === 0 ? (
        <p>{t('violations.none')}</p>
      ) : (
        <ul
          ref={list}
          role="listbox"
          tabIndex={0}
          aria-label={t('violations.title')}
          aria-activedescendant={current ? `violation-${current.order.id}` : undefined}
        >
          {rows.map((row, i) => (
            <li
              key={row.order.id}
              id={`violation-${row.order.id}`}
              role="option"
              aria-selected={i === at}
              data-index={i}
              data-order-id={row.order.id}
              className={i === at ? 'active' : ''}
              onClick={() => setActive(i)}
            >
              <div className="violation-head">
                <strong>{row.order.code}</strong> {row.engineer} ·{' '}
                {formatTime(row.order.booking!.start, locale, timeZone)}
                <span className="violation-fixes">
                  <button type="button" tabIndex={-1} onClick={() => bookBest(row.order.id)}>
                    {t('violations.bookBest')}
                  </button>
                  <button type="button" tabIndex={-1} onClick={() => unassign(row.order.id)}>
                    {t('violations.unassign')}
                  </button>
                </span>
              </div>
              {row.violations.map((v) => (
                <div key={v.rule} className="violation-rule">
                  ⚠ {labelled(t(`rule.${v.rule}`), reasonWords(v, locale, names), locale)}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
