import { useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useCustomerNames } from '../../ui/use-names.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { findOrders } from './find.js';
import { focusQueueRow } from '../../ui/queue-focus.js';

/**
 * Find any order, booked or not, by code, customer, phone or address (Ctrl+K or /). Choosing one selects it: the
 * details open and the board and map bring it into view, and the focus goes where Enter books it to the best candidate
 * (a booked order's bar on the board, a queued order's row in the queue).
 */
export function FindOrder() {
  const t = useT();
  const customers = useCustomerNames();
  const dataVersion = useConsole((s) => s.dataVersion);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
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
    // A booked order's bar is on the board: the focus goes there, so the arrow keys move it at once. An order in the
    // queue gets the focus on its row, where Enter books it to the best candidate; when the queue's tab or filters
    // hide it, on the board, whose Enter books the selected order too. Never back to the page.
    if (!state.orders.get(id)?.booking && focusQueueRow(id)) return;
    document.querySelector<HTMLElement>('[data-testid="board"]')?.focus({ preventScroll: true });
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
              <strong>{o.code}</strong> <span className="muted">{customers.get(o.customer.id) ?? o.customer.name}</span>
              <span className="find-status">{t(`status.${o.status}` as 'status.new')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
