import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, UIEvent } from 'react';
import { formatDuration } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { useCustomerNames } from '../../ui/use-names.js';
import { consoleStore, useConsole } from '../../store/index.js';
import type { OrderView } from '../../services/index.js';
import { useNow } from '../../ui/use-now.js';
import { setQueueFocus } from '../../ui/queue-focus.js';
import { useActions } from '../../services/index.js';
import { ORDER_DRAG_TYPE, setDraggedOrder } from '../../ui/order-drag.js';
import { PRIORITY_COLOURS } from '../../ui/palette.js';
import { skillLabel, teamLabel } from '../../i18n/domain-labels.js';
import { orderSla } from '../../../../shared/sla/index.js';
import { queueRows, type QueueFilter, type QueueTab } from './filter.js';

const ROW_HEIGHT = 58;
const TABS: QueueTab[] = ['unassigned', 'atRisk', 'onHold'];
const TAB_KEYS = { unassigned: 'queue.unassigned', atRisk: 'queue.atRisk', onHold: 'queue.onHold' } as const;

/** The work waiting for a decision: virtualised, filtered, most urgent first, with live SLA countdowns. */
export function Queue() {
  const t = useT();
  const customers = useCustomerNames();
  const now = useNow();
  const dataVersion = useConsole((s) => s.dataVersion);
  const policy = useConsole((s) => s.policy);
  const focused = useConsole((s) => s.focusedOrderId);
  const locale = useConsole((s) => s.locale);
  const [filter, setFilter] = useState<QueueFilter>({
    tab: 'unassigned',
    team: null,
    skill: null,
    priority: null,
    sla: 'all',
    search: '',
  });
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const list = useRef<HTMLDivElement>(null);
  // The list is re-sorted when data or filters change, and once a minute as slack runs down, not every second.
  const minute = Math.floor(now / 60_000);
  const rows = useMemo(() => {
    const { orders, engineers, slaTimelines } = consoleStore().getState();
    return queueRows(orders.values(), engineers, filter, minute * 60_000, policy, slaTimelines);
  }, [dataVersion, filter, minute, policy]);
  const narrowed =
    filter.team !== null ||
    filter.skill !== null ||
    filter.priority !== null ||
    filter.sla !== 'all' ||
    !!filter.search;
  // An empty list says whether the tab is empty or the filters hide what it holds, and how much.
  const hidden = useMemo(() => {
    if (rows.length > 0 || !narrowed) return 0;
    const { orders, engineers, slaTimelines } = consoleStore().getState();
    const all = { ...filter, team: null, skill: null, priority: null, sla: 'all' as const, search: '' };
    return queueRows(orders.values(), engineers, all, minute * 60_000, policy, slaTimelines).length;
  }, [rows.length, narrowed, dataVersion, filter, minute, policy]);
  const { teams, skills } = useMemo(() => {
    const { engineers } = consoleStore().getState();
    const teamSet = new Set<string>();
    const skillSet = new Set<string>();
    for (const e of engineers.values()) {
      teamSet.add(e.team);
      for (const s of e.skills) skillSet.add(s.skill);
    }
    return { teams: [...teamSet].sort(), skills: [...skillSet].sort() };
  }, [dataVersion]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + 5);
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    setScrollTop(e.currentTarget.scrollTop);
    setHeight(e.currentTarget.clientHeight);
  };
  const set = (patch: Partial<QueueFilter>) => setFilter((f) => ({ ...f, ...patch }));

  // Find hands a chosen order in the queue to its row: scrolled into view and focused, where Enter books it.
  const latestRows = useRef(rows);
  latestRows.current = rows;
  const focusAfterRender = useRef<string | null>(null);
  const rowElement = (selector: string) => list.current?.querySelector<HTMLElement>(selector) ?? null;
  useEffect(
    () =>
      setQueueFocus({
        focus: (orderId) => {
          const el = list.current;
          const index = latestRows.current.findIndex((o) => o.id === orderId);
          if (!el || index < 0) return false;
          const top = index * ROW_HEIGHT;
          if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
            el.scrollTop = Math.max(0, top - (el.clientHeight - ROW_HEIGHT) / 2);
          const row = rowElement(`[data-order-id="${CSS.escape(orderId)}"]`);
          if (row) row.focus();
          else {
            focusAfterRender.current = orderId;
            setScrollTop(el.scrollTop);
            setHeight(el.clientHeight);
          }
          return true;
        },
      }),
    [],
  );
  useLayoutEffect(() => {
    const id = focusAfterRender.current;
    if (id === null) return;
    focusAfterRender.current = null;
    rowElement(`[data-order-id="${CSS.escape(id)}"]`)?.focus();
  });
  // The row of an order booked with Enter leaves the list with the focus on it: the focus goes to the row now in its
  // place, or, with the list empty, to the board, where the order just booked is selected; never to the page.
  const bookedFromRow = useRef<{ orderId: string; index: number } | null>(null);
  const onBook = useRef((orderId: string, index: number) => {
    bookedFromRow.current = { orderId, index };
  }).current;
  useLayoutEffect(() => {
    const booked = bookedFromRow.current;
    if (!booked || rows.some((o) => o.id === booked.orderId)) return;
    bookedFromRow.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const next =
      rows.length > 0
        ? rowElement(`[data-row-index="${Math.min(booked.index, rows.length - 1)}"]`)
        : document.querySelector<HTMLElement>('[data-testid="board"]');
    next?.focus({ preventScroll: rows.length === 0 });
  }, [rows]);

  return (
    <section className="queue" aria-label={t('queue.title')}>
      <div className="queue-tabs" role="tablist">
        {TABS.map((tab) => (
          <button
            key={tab}
            role="tab"
            aria-selected={filter.tab === tab}
            className={filter.tab === tab ? 'active' : ''}
            onClick={() => set({ tab })}
          >
            {t(TAB_KEYS[tab])}
          </button>
        ))}
      </div>
      <div className="queue-filters">
        <input
          type="search"
          placeholder={t('queue.search')}
          aria-label={t('queue.search')}
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
        />
        <select
          aria-label={t('board.team')}
          value={filter.team ?? ''}
          onChange={(e) => set({ team: e.target.value || null })}
        >
          <option value="">{t('queue.allTeams')}</option>
          {teams.map((id) => (
            <option key={id} value={id}>
              {teamLabel(id, locale)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('order.skills')}
          value={filter.skill ?? ''}
          onChange={(e) => set({ skill: e.target.value || null })}
        >
          <option value="">{t('queue.allSkills')}</option>
          {skills.map((id) => (
            <option key={id} value={id}>
              {skillLabel(id, locale)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('queue.priorityFilter')}
          value={filter.priority ?? ''}
          onChange={(e) => set({ priority: e.target.value || null })}
        >
          <option value="">{t('queue.allPriorities')}</option>
          {['P1', 'P2', 'P3', 'P4'].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          aria-label={t('queue.slaFilter')}
          value={filter.sla}
          onChange={(e) => set({ sla: e.target.value as QueueFilter['sla'] })}
        >
          <option value="all">{t('queue.slaAll')}</option>
          <option value="jeopardy">{t('queue.slaJeopardy')}</option>
          <option value="breached">{t('queue.slaBreached')}</option>
        </select>
      </div>
      <div className="queue-count">
        {t('queue.count', { n: rows.length })} · {t('queue.dragHint')}
      </div>
      <div className="queue-list" ref={list} onScroll={onScroll} data-testid="queue">
        {rows.length === 0 && (
          <div className="queue-empty" data-testid="queue-empty">
            {hidden > 0 ? (
              <>
                <p>{t('queue.emptyFiltered', { n: hidden })}</p>
                <button
                  data-testid="queue-clear-filters"
                  onClick={() => set({ team: null, skill: null, priority: null, sla: 'all', search: '' })}
                >
                  {t('queue.clearFilters')}
                </button>
              </>
            ) : (
              t('queue.empty')
            )}
          </div>
        )}
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((o, i) => {
            const sla = orderSla(o, now, policy, consoleStore().getState().slaTimelines.get(o.id));
            const clock = sla.next ?? sla.resolve;
            return (
              <QueueRow
                key={o.id}
                order={o}
                index={first + i}
                onBook={onBook}
                top={(first + i) * ROW_HEIGHT}
                now={now}
                focused={focused === o.id}
                locale={locale}
                customer={customers.get(o.customer.id) ?? o.customer.name}
                state={sla.state}
                deadline={{ kind: clock.deadline, at: clock.dueAt }}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

const QueueRow = memo(function QueueRow(props: {
  order: OrderView;
  index: number;
  /** Called as Enter books the row's order, before it leaves the list. */
  onBook: (orderId: string, index: number) => void;
  top: number;
  now: number;
  focused: boolean;
  locale: 'en' | 'zh-CN';
  /** The customer's name as shown: told apart from another customer of the same name (customerNames). */
  customer: string;
  state: 'ok' | 'jeopardy' | 'breached';
  deadline: { kind: 'respond' | 'resolve'; at: number };
}) {
  const { order: o, now, locale, state, deadline } = props;
  const refused = useConsole((s) => s.refusedOrders.has(o.id));
  const t = useT();
  const actions = useActions();
  const left = deadline.at - now;
  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    setDraggedOrder(o.id);
    e.dataTransfer.setData(ORDER_DRAG_TYPE, o.id);
    e.dataTransfer.setData('text/plain', o.code);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <div
      className={`queue-row sla-${state}${props.focused ? ' focused' : ''}${o.pending ? ' pending' : ''}${refused ? ' refused' : ''}`}
      style={{ top: props.top, height: ROW_HEIGHT }}
      draggable
      onDragStart={onDragStart}
      onDragEnd={() => setDraggedOrder(null)}
      onClick={(e) =>
        consoleStore()
          .getState()
          .selectOrder(o.id, e.ctrlKey || e.metaKey ? 'toggle' : 'replace')
      }
      role="button"
      tabIndex={0}
      aria-label={`${o.priority} ${o.code} ${props.customer}${o.pending ? `, ${t('order.pendingMark')}` : ''}${refused ? `, ${t('order.refusedMark')}` : ''}`}
      data-order-id={o.id}
      data-row-index={props.index}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        // The first Enter selects the order; on the selected order's row Enter books it as the board's Enter does.
        if (props.focused) {
          props.onBook(o.id, props.index);
          void actions.assignBest(o.id);
        } else consoleStore().getState().selectOrder(o.id);
      }}
    >
      <span className="prio" style={{ background: PRIORITY_COLOURS[o.priority] }}>
        {o.priority}
      </span>
      <div className="queue-main">
        <div className="queue-line">
          <strong>{o.code}</strong> <span className="muted">{props.customer}</span>
        </div>
        <div className="queue-line muted">
          {o.summary} · {o.site.address}
        </div>
      </div>
      <div className={`countdown ${state}`} title={t(deadline.kind === 'respond' ? 'sla.respond' : 'sla.resolve')}>
        {left >= 0
          ? t('sla.left', { time: formatDuration(left, locale) })
          : t('sla.over', { time: formatDuration(left, locale) })}
      </div>
    </div>
  );
});
