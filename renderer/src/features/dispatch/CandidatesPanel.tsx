import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { bookingMisses, orderSla } from '../../../../shared/sla/index.js';
import { formatDateTime, formatDay, formatDuration, formatTime } from '../../i18n/format.js';
import { localDate } from '../../../../shared/time/index.js';
import { lateWords } from '../../i18n/late-words.js';
import { useT } from '../../i18n/use-t.js';
import { useEngineerNames } from '../../ui/use-names.js';
import {
  useActions,
  type Candidate,
  type CandidateList,
  type CandidateView,
  type FitChange,
} from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { PRIORITY_COLOURS } from '../../ui/palette.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { reasonsWords, reasonWords, refusalWords } from '../../i18n/reason-words.js';
import { OverrideDialog, withOverrides, type OverrideRequest } from '../board/index.js';
import { NameWithMark } from '../../ui/NameWithMark.js';
import {
  changeAction,
  changeWords,
  chosenIndex,
  costText,
  costWords,
  listed,
  ruleCells,
  stepChoice,
  type RuleCell,
} from './candidate-rows.js';

type Answer = { kind: 'loading' } | { kind: 'ready'; list: CandidateList } | { kind: 'failed'; message: string };
/** When nobody fits today: the earliest slot on a later day, once looked up (null: none within a week). */
type LaterDay = { kind: 'loading' } | { kind: 'ready'; slot: CandidateView | null } | { kind: 'failed' };

const MARK = { pass: '✓', fail: '✗', skipped: '·' } as const;

/** The candidate list while it is open and an order is focused (from the queue, the board, the map or find). */
export function CandidatesPanel() {
  const open = useConsole((s) => s.candidatesOpen);
  const orderId = useConsole((s) => s.focusedOrderId);
  return open && orderId ? <Candidates key={orderId} orderId={orderId} /> : null;
}

/**
 * Who can take an order, ranked by the engine on the local cache (works offline): per engineer each hard rule met or
 * broken, the earliest start, the drive, the SLA slack and the cost in minutes; Enter (or Book) books the chosen one
 * through the same checks as a drop on the board (the override question for a broken rule, the late-booking warning).
 * When nobody fits, the smallest changes the engine found that would make it fit.
 */
function Candidates({ orderId }: { orderId: string }) {
  const t = useT();
  const names = useEngineerNames();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const dataVersion = useConsole((s) => s.dataVersion);
  const order = consoleStore().getState().orders.get(orderId);
  const [answer, setAnswer] = useState<Answer>({ kind: 'loading' });
  const [showAll, setShowAll] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [override, setOverride] = useState<OverrideRequest | null>(null);
  const [laterDay, setLaterDay] = useState<LaterDay>({ kind: 'loading' });
  const box = useRef<HTMLDivElement>(null);
  const seq = useRef(0);

  // Ranked again after each change to the cache; an answer overtaken by a newer question is dropped.
  useEffect(() => {
    const mine = ++seq.current;
    actions.candidateList(orderId).then(
      (list) => mine === seq.current && setAnswer({ kind: 'ready', list }),
      (err: unknown) =>
        mine === seq.current &&
        setAnswer({ kind: 'failed', message: refusalWords(err, consoleStore().getState().locale) }),
    );
  }, [actions, orderId, dataVersion]);

  // Nobody today: the first later day (up to a week) on which someone can take it, with its earliest slot.
  const nobodyToday = answer.kind === 'ready' && !answer.list.candidates.some((c) => c.feasible);
  useEffect(() => {
    if (!nobodyToday) return;
    let current = true;
    setLaterDay({ kind: 'loading' });
    actions.laterDaySlot(orderId).then(
      (slot) => current && setLaterDay({ kind: 'ready', slot }),
      () => current && setLaterDay({ kind: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [actions, orderId, dataVersion, nobodyToday]);
  // Focus moves in the same task that shows the panel, so a key pressed the moment it appears reaches it; when the
  // panel closes it goes back to where it was (the queue row, the map, the board), or to the board when that is gone.
  useLayoutEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = box.current;
    el?.focus();
    return () => {
      const now = document.activeElement;
      if (now && now !== document.body && !el?.contains(now)) return; // the dispatcher went elsewhere
      const back =
        before && before !== document.body && before.isConnected && !el?.contains(before)
          ? before
          : document.querySelector<HTMLElement>('[data-testid="board"]');
      back?.focus({ preventScroll: true });
    };
  }, []);

  const close = () => consoleStore().getState().showCandidates(false);
  const time = (at: number) => formatTime(at, locale, timeZone);
  const list = answer.kind === 'ready' ? answer.list : null;
  const { rows, hidden } = listed(list?.candidates ?? [], showAll);
  const at = chosenIndex(rows, chosen);

  /**
   * Books a slot after the engine's rule check: straight away, or after the override question when a rule breaks. The
   * check is on the day the list was ranked on: at 23:45 a slot at 00:15 is today's plan's, as the list showed it.
   */
  const bookAt = async (engineerId: string, start: number, end: number | undefined) => {
    let verdict;
    try {
      verdict = await actions.verdictFor(orderId, engineerId, start, list?.dayStart);
    } catch (err) {
      consoleStore()
        .getState()
        .notify('error', t('override.checkFailed', { error: refusalWords(err, consoleStore().getState().locale) }));
      return;
    }
    const rules = verdict.verdicts.filter((v) => v.hard && !v.ok);
    const move = { orderId, engineerId, start };
    if (rules.length > 0) {
      const name = names.get(engineerId) ?? engineerId;
      const title = t('override.move', { code: order?.code ?? orderId, name, time: time(start) });
      setOverride({ moves: [move], label: undefined, broken: [{ move, title, rules }] });
      return;
    }
    close();
    await actions.bookUnlessLate(orderId, engineerId, start, end, false, true);
  };
  const book = (c: Candidate) => {
    if (c.feasible && c.slot) void bookAt(c.engineerId, c.slot.start, c.slot.end);
  };
  const act = (change: FitChange) => {
    if (change.kind === 'bump') {
      close();
      void actions.bumpAndBook(orderId, change.engineerId, change.slot.start, change.bumped.orderId);
    } else void bookAt(change.engineerId, change.slot.start, change.slot.end);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (override) return;
    // Enter on a button or link in the panel (Show all, a smallest change) does what that control says, not Book.
    const control = e.target instanceof HTMLElement && e.target !== e.currentTarget && e.target.closest('button, a');
    if (e.key === 'Enter' && control) return;
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') setChosen(stepChoice(rows, chosen, 1));
    else if (e.key === 'ArrowUp') setChosen(stepChoice(rows, chosen, -1));
    else if (e.key === 'Enter' && rows[at]) book(rows[at]!);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  useEffect(() => {
    box.current?.querySelector(`[data-index="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at]);

  const ruleLabel = (cell: RuleCell) => {
    const rule = t(`candidates.rule.${cell.column}`);
    const reason =
      cell.column === 'sla'
        ? t(cell.status === 'fail' ? 'candidates.slaMissed' : 'candidates.slaMet')
        : reasonWords(cell, locale, names);
    if (cell.status === 'skipped') return t('candidates.ruleSkipped', { rule });
    return t(cell.status === 'pass' ? 'candidates.rulePass' : 'candidates.ruleFail', { rule, reason });
  };
  const whyNot = (c: Candidate) => {
    // The rule that failed, in the console's language; never the engine's English summary line.
    const failed = c.verdicts.find((v) => v.hard && v.status === 'fail') ?? c.verdicts.find((v) => v.status === 'fail');
    return failed ? reasonWords(failed, locale, names) : t('candidates.noSlot');
  };
  const slack = (min: number) =>
    t(min >= 0 ? 'candidates.slackLeft' : 'candidates.slackLate', { time: formatDuration(min * 60_000, locale) });
  const cost = (c: Candidate) => {
    const w = costWords(c);
    return w ? costText(w, t, (ms) => formatDuration(ms, locale)) : '—';
  };
  /** The later day's slot in words, with how late it leaves the order when it misses an SLA clock. */
  const laterDayText = (c: CandidateView) => {
    const s = consoleStore().getState();
    const late =
      order && c.start !== null
        ? bookingMisses(
            orderSla(order, Date.now(), s.policy, s.slaTimelines.get(orderId)),
            c.start,
            c.end ?? c.start + order.durationMin * 60_000,
          )
        : [];
    const text = t('candidates.laterDay', {
      name: names.get(c.engineerId) ?? c.name,
      time: c.start === null ? '' : formatDateTime(c.start, locale, timeZone),
    });
    return late.length > 0 ? `${text} · ${lateWords(late, locale, timeZone)}` : text;
  };
  /** Books the later day's slot: a slot that misses an SLA clock goes through the late-booking question first. */
  const bookLaterDay = (c: CandidateView) => {
    if (c.start === null) return;
    close();
    void actions.bookUnlessLate(orderId, c.engineerId, c.start, c.end ?? undefined, true);
  };

  const fit = list?.candidates.filter((c) => c.feasible).length ?? 0;
  return (
    <div
      ref={box}
      className="popover candidates-panel"
      role="dialog"
      aria-label={t('candidates.title', { code: order?.code ?? orderId })}
      data-testid="candidates"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="candidates-head">
        {order && (
          <span className="prio" style={{ background: PRIORITY_COLOURS[order.priority] }}>
            {order.priority}
          </span>
        )}
        <h3>{t('candidates.title', { code: order?.code ?? orderId })}</h3>
        <span className="spacer" />
        <button type="button" onClick={close} aria-label={t('candidates.close')}>
          ✕
        </button>
      </header>
      {order && (
        <p className="candidates-sub">
          {order.customer.name} · {order.site.address}
        </p>
      )}
      {list && localDate(list.dayStart, timeZone) !== localDate(Date.now(), timeZone) && (
        <p className="candidates-day" data-testid="candidates-day">
          {t('candidates.forDay', { day: formatDay(list.dayStart, locale, timeZone) })}
        </p>
      )}
      <p className="candidates-keys">
        {list && (
          <strong data-testid="candidates-count">{t('candidates.count', { fit, n: list.candidates.length })}</strong>
        )}{' '}
        · {t('candidates.keys')}
      </p>
      {answer.kind === 'loading' && <p>{t('candidates.loading')}</p>}
      {answer.kind === 'failed' && <p className="error">{t('candidates.failed', { error: answer.message })}</p>}
      {list && fit === 0 && (
        <section className="candidates-changes" data-testid="candidates-changes">
          <p>
            <strong>{t('candidates.nobody')}</strong>
          </p>
          {laterDay.kind === 'ready' && laterDay.slot && (
            <p className="candidates-later" data-testid="candidates-later-day">
              <span>{laterDayText(laterDay.slot)}</span>
              <button
                type="button"
                onClick={() => bookLaterDay(laterDay.slot!)}
                data-testid="candidates-book-later-day"
              >
                {t('candidates.bookLaterDay')}
              </button>
            </p>
          )}
          {laterDay.kind === 'ready' && !laterDay.slot && (
            <p data-testid="candidates-later-day">{t('candidates.noLaterDay')}</p>
          )}
          {list.changes.length === 0 ? (
            list.noChange && (
              <p data-testid="candidates-no-change">
                {t('candidates.noChange', { why: reasonsWords(list.noChange.say, locale, 'why', names) })}
              </p>
            )
          ) : (
            <>
              <h4>{t('candidates.changes')}</h4>
              <ul>
                {list.changes.map((c) => (
                  <li key={`${c.kind}-${c.engineerId}`} data-kind={c.kind}>
                    <span>{changeWords(c, locale, timeZone, names)}</span>
                    <button type="button" onClick={() => act(c)} data-testid={`candidates-change-${c.kind}`}>
                      {changeAction(c) === 'bump' ? t('candidates.bumpAndBook') : t('candidates.bookAnyway')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {list && rows.length > 0 && (
        <div className="candidates-scroll">
          <table className="candidates-table">
            <thead>
              <tr>
                <th>{t('candidates.engineer')}</th>
                <th>{t('candidates.start')}</th>
                <th>{t('candidates.travel')}</th>
                <th>{t('candidates.slack')}</th>
                <th>{t('candidates.cost')}</th>
                <th>{t('candidates.rules')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((c, i) => (
                <tr
                  key={c.engineerId}
                  data-index={i}
                  data-testid="candidate-row"
                  data-engineer-id={c.engineerId}
                  data-feasible={c.feasible}
                  className={`${i === at ? 'active' : ''} ${c.feasible ? '' : 'unfit'}`}
                  aria-selected={i === at}
                  onClick={() => setChosen(c.engineerId)}
                >
                  <td>
                    <strong>
                      <NameWithMark label={names.get(c.engineerId) ?? c.name} name={c.name} />
                    </strong>
                    {order?.booking?.engineerId === c.engineerId && (
                      <span className="candidates-current" data-testid="candidate-current">
                        {' '}
                        {t('candidates.current')}
                      </span>
                    )}
                    <div className="muted">{teamLabel(c.team, locale)}</div>
                  </td>
                  {c.slot ? (
                    <>
                      <td className="nowrap">{time(c.slot.start)}</td>
                      <td className="nowrap">
                        {t('candidates.travelValue', { min: c.slot.travelBeforeMin, km: c.slot.travelBeforeKm })}
                      </td>
                      <td className={c.slaSlackMin !== null && c.slaSlackMin < 0 ? 'late' : ''}>
                        {c.slaSlackMin === null ? '—' : slack(c.slaSlackMin)}
                      </td>
                      <td>{cost(c)}</td>
                    </>
                  ) : (
                    <td colSpan={4} className="why">
                      {whyNot(c)}
                    </td>
                  )}
                  <td className="rule-cells">
                    {ruleCells(c).map((cell) => (
                      <span
                        key={cell.column}
                        className={`rule-cell ${cell.status}`}
                        title={ruleLabel(cell)}
                        aria-label={ruleLabel(cell)}
                        data-rule={cell.column}
                        data-status={cell.status}
                      >
                        {MARK[cell.status]} {t(`candidates.rule.${cell.column}`)}
                      </span>
                    ))}
                  </td>
                  <td>
                    {c.feasible && c.slot && (
                      <button
                        type="button"
                        className={i === at ? 'primary' : ''}
                        tabIndex={-1}
                        onClick={() => book(c)}
                        data-testid="candidate-book"
                      >
                        {t('candidates.book')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list && hidden > 0 && !showAll && (
        <p className="candidates-more">
          {t('candidates.more', { n: hidden })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              // The button goes with the click: the panel keeps the focus, so ↑/↓, Enter and Esc still work.
              box.current?.focus({ preventScroll: true });
              setShowAll(true);
            }}
            data-testid="candidates-show-all"
          >
            {t('candidates.showAll')}
          </button>
        </p>
      )}
      {override && (
        <OverrideDialog
          request={override}
          onCancel={() => setOverride(null)}
          onConfirm={(reason) => {
            const request = override;
            setOverride(null);
            close();
            void actions.applyMoves(withOverrides(request, reason), request.label);
          }}
        />
      )}
    </div>
  );
}
