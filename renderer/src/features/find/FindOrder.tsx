import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { findOrders } from './find.js';

/**
 * Find any order, booked or not, by code, customer, phone or address (Ctrl+K or /). Choosing one selects it: the
 * details open and the board and map bring it into view.
 */
export function FindOrder() {
  const t = useT();
  const dataVersion = useConsole((s) => s.dataVersion);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(
    () => findOrders(consoleStore().getState().orders.values(), query),
    // dataVersion announces changes to the order map, which is mutated in place.
    [query, dataVersion],
  );
  const choose = (id: string) => {
    const state = consoleStore().getState();
    state.selectOrder(id);
    setQuery('');
    setActive(0);
    // A booked order's bar is on the board: the focus goes there, so the arrow keys move it at once.
    const board = state.orders.get(id)?.booking ? document.querySelector<HTMLElement>('[data-testid="board"]') : null;
    if (board) board.focus({ preventScroll: true });
    else input.current?.blur();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Escape') setQuery('');
    else if (e.key === 'Enter' && matches[active]) choose(matches[active].id);
    else return;
    e.preventDefault();
  };
  return (
    <div className="find" role="search">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder={t('find.placeholder')}
        aria-label={t('find.placeholder')}
        onChange={(e) => (setQuery(e.target.value), setActive(0))}
        onKeyDown={onKey}
        data-testid="find-order"
        id="find-order"
      />
      {query.trim().length >= 2 && (
        <ul className="find-results popover" role="listbox" data-testid="find-results">
          {matches.length === 0 && <li className="muted">{t('find.none')}</li>}
          {matches.map((o, i) => (
            <li
              key={o.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => (e.preventDefault(), choose(o.id))}
            >
              <strong>{o.code}</strong> <span className="muted">{o.customer.name}</span>
              <span className="find-status">{t(`status.${o.status}` as 'status.new')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
