import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { refusalWords } from '../../i18n/reason-words.js';
import { formatDateTime, formatDuration, formatShortDay, formatTime } from '../../i18n/format.js';
import { skillLabel } from '../../i18n/domain-labels.js';
import { useT } from '../../i18n/use-t.js';
import { useActions, type SlotOffer, type SlotQuery, type SlotSearch } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import {
  HALVES,
  SEARCH_DAYS,
  dayProblem,
  rowAfterKey,
  searchDays,
  slotPreferences,
  toggle,
  type DayHalf,
} from './slot-finder.js';
import { noSlotSentence, slotReasons } from './slot-words.js';

interface SlotFinderProps {
  /** The open order, or the call being logged, to find windows for. */
  target: SlotQuery['target'];
  /** Books the window picked (to its engineer, or promised to any); resolves false when it was refused. */
  onPick(slot: SlotOffer, withEngineer: boolean): Promise<boolean>;
}

/**
 * "Find a time": the days and half-days the caller can do narrow the search; the best windows of the next seven days
 * are listed with their grade, the reasons in words and the engineer. ↑ ↓ choose, Enter books to the engineer shown,
 * A promises the window to any engineer. When none can be offered, the reason is said, and how each day went.
 */
export function SlotFinder({ target, onPick }: SlotFinderProps) {
  const t = useT();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const dataVersion = useConsole((s) => s.dataVersion);
  const [now] = useState(() => Date.now());
  const choices = useMemo(() => searchDays(now, timeZone), [now, timeZone]);
  const [days, setDays] = useState<number[]>([]);
  const [halves, setHalves] = useState<DayHalf[]>([]);
  const [other, setOther] = useState('');
  const [search, setSearch] = useState<SlotSearch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [row, setRow] = useState(0);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement | null>(null);

  const otherProblem = other === '' ? null : dayProblem(other, now, timeZone);
  const targetKey = JSON.stringify(target);
  /** The question last asked: a new one clears the list, the same one asked again (bookings changed) refreshes it. */
  const asked = useRef('');
  useEffect(() => {
    if (otherProblem) return;
    let live = true;
    const preferences = slotPreferences(days, halves);
    const question = JSON.stringify([targetKey, preferences]);
    if (question !== asked.current) {
      asked.current = question;
      setSearch(null);
      setRow(0);
    }
    setError(null);
    actions.findSlots({ target, preferences }).then(
      (found) => {
        if (!live) return;
        setSearch(found);
        // Refreshed while the dispatcher is choosing: the row (and the focus on it) stays where it was.
        setRow((r) => Math.max(0, Math.min(r, found.slots.length - 1)));
      },
      (err: Error) => live && setError(refusalWords(err, consoleStore().getState().locale)),
    );
    return () => {
      live = false;
    };
    // targetKey stands for target; dataVersion: a booking made anywhere changes the windows.
  }, [actions, targetKey, days, halves, otherProblem, dataVersion]);

  const slots = search?.slots ?? [];
  const pick = async (slot: SlotOffer, withEngineer: boolean) => {
    if (busy) return;
    setBusy(true);
    const ok = await onPick(slot, withEngineer);
    if (!ok) setBusy(false);
  };
  const focusRow = (n: number) => {
    setRow(n);
    list.current?.querySelectorAll<HTMLElement>('[data-slot-book]')[n]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    const next = rowAfterKey(e.key, row, slots.length);
    if (next !== null) {
      e.preventDefault();
      return focusRow(next);
    }
    // Enter is the focused button's own: the engineer's (where the arrows put the focus) or "any engineer".
    const slot = slots[row];
    if (!slot) return;
    if (e.key === 'a' || e.key === 'A') {
      e.preventDefault();
      void pick(slot, false);
    }
  };
  const typeDay = (date: string) => {
    setOther(date);
    const choice = choices.find((c) => c.date === date);
    if (choice) setDays([choice.dayStart]);
  };
  const sentence = search ? noSlotSentence(search, t, (id) => skillLabel(id, locale)) : null;

  return (
    <div className="slot-finder" data-testid="slot-finder">
      <fieldset className="slot-prefs">
        <legend>{t('slots.days')}</legend>
        <button
          type="button"
          className="chip-toggle"
          aria-pressed={days.length === 0}
          onClick={() => (setDays([]), setOther(''))}
          data-testid="slot-any-day"
        >
          {t('slots.anyDay')}
        </button>
        {choices.map((c) => (
          <button
            key={c.date}
            type="button"
            className="chip-toggle"
            aria-pressed={days.includes(c.dayStart)}
            onClick={() => (setDays((d) => toggle(d, c.dayStart)), setOther(''))}
            data-testid="slot-day"
            data-date={c.date}
          >
            {formatShortDay(c.dayStart, locale, timeZone)}
          </button>
        ))}
        <label className="slot-other-day">
          {t('slots.otherDay')}
          <input type="date" value={other} onChange={(e) => typeDay(e.target.value)} data-testid="slot-other-day" />
        </label>
      </fieldset>
      <fieldset className="slot-prefs">
        <legend>{t('slots.halves')}</legend>
        {HALVES.map((h) => (
          <button
            key={h}
            type="button"
            className="chip-toggle"
            aria-pressed={halves.includes(h)}
            onClick={() => setHalves((list) => toggle(list, h))}
            data-testid={`slot-half-${h}`}
          >
            {t(`slots.half.${h}`)}
          </button>
        ))}
      </fieldset>
      {otherProblem ? (
        <p className="slot-none" role="alert" data-testid="slot-none">
          {otherProblem === 'beyond'
            ? t('slots.dayBeyond', { n: SEARCH_DAYS, date: other })
            : otherProblem === 'past'
              ? t('slots.dayPast', { date: other })
              : t('slots.none.past')}
        </p>
      ) : error ? (
        <p className="slot-none" role="alert" data-testid="slot-none">
          {t('slots.error', { reason: error })}
        </p>
      ) : !search ? (
        <p className="muted" role="status">
          {t('slots.searching')}
        </p>
      ) : sentence ? (
        <div className="slot-none" role="alert" data-testid="slot-none" data-reason={search.reason?.code}>
          <p>{sentence}</p>
          {search.days.length > 0 && (
            <p className="muted">
              {t('slots.daysSearched')}:{' '}
              {search.days
                .map(
                  (d) =>
                    `${formatShortDay(d.dayStart, locale, timeZone)} ${d.reason ? t(`slots.dayOutcome.${d.reason}`) : ''}`,
                )
                .join(' · ')}
            </p>
          )}
        </div>
      ) : (
        <>
          <ol
            className="slot-list"
            ref={list}
            aria-label={t('slots.listLabel')}
            onKeyDown={onKey}
            data-testid="slot-list"
          >
            {slots.map((s, i) => (
              <li
                key={`${s.start}-${s.engineerId}`}
                className={i === row ? 'active' : undefined}
                data-testid="slot"
                data-grade={s.grade}
                data-start={s.start}
                data-end={s.end}
                data-planned={s.plannedStart}
                data-engineer={s.engineerId}
              >
                <span className={`slot-grade grade-${s.grade}`}>{t(`slots.grade.${s.grade}`)}</span>
                <span className="slot-window">
                  {formatDateTime(s.start, locale, timeZone)}–{formatTime(s.end, locale, timeZone)}
                </span>
                <span className="slot-why">
                  {slotReasons(s, t, (min) => formatDuration(min * 60_000, locale)).join(' · ')}
                  <br />
                  <span className="muted">
                    {t('slots.arrives', { name: s.engineerName, time: formatTime(s.plannedStart, locale, timeZone) })}
                  </span>
                </span>
                <span className="slot-actions">
                  <button
                    type="button"
                    className="primary"
                    data-slot-book
                    autoFocus={i === 0}
                    disabled={busy}
                    onFocus={() => setRow(i)}
                    onClick={() => void pick(s, true)}
                    data-testid="slot-book"
                  >
                    {t('slots.bookTo', { name: s.engineerName })}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    title={t('slots.anyEngineerHint')}
                    onFocus={() => setRow(i)}
                    onClick={() => void pick(s, false)}
                    data-testid="slot-any"
                  >
                    {t('slots.anyEngineer')}
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <p className="muted slot-keys">{t('slots.keys')}</p>
        </>
      )}
    </div>
  );
}
