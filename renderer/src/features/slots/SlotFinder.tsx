import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { refusalWords } from '../../i18n/reason-words.js';
import { formatCalendarDay, formatDateTime, formatDuration, formatShortDay, formatTime } from '../../i18n/format.js';
import { localDate } from '../../../../shared/time/index.js';
import { skillLabel } from '../../i18n/domain-labels.js';
import { useT } from '../../i18n/use-t.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { useActions, type SlotOffer, type SlotQuery, type SlotSearch } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import {
  HALVES,
  SEARCH_DAYS,
  dayProblem,
  daysPressed,
  daysTyped,
  rowAfterKey,
  searchDays,
  slotPreferences,
  toggle,
  type DayHalf,
} from './slot-finder.js';
import {
  daysSearchedLine,
  lateSlot,
  lateSlotQuestion,
  noSlotSentence,
  slotReasons,
  typedDaySentence,
  type LateSlot,
} from './slot-words.js';
import { DateField } from '../../ui/DateField.js';

interface SlotFinderProps {
  /** The open order, or the call being logged, to find windows for. */
  target: SlotQuery['target'];
  /**
   * Books the window picked (to its engineer, or promised to any); `late` when it misses the SLA and the dispatcher
   * took it knowingly (how late, against which latest start). Resolves false when it was refused.
   */
  onPick(slot: SlotOffer, withEngineer: boolean, late: LateSlot | null): Promise<boolean>;
}

/**
 * "Find a time": the days and half-days the caller can do narrow the search; the best windows of the next seven days
 * are listed with their grade, the reasons in words and the engineer. ↑ ↓ choose, Enter books to the engineer shown,
 * A promises the window to any engineer. A window that misses the SLA is not booked at once: the finder asks first,
 * saying how late against the SLA (Enter books it late, Esc goes back to the list). When none can be offered, the
 * reason is said, and how each day went.
 */
export function SlotFinder({ target, onPick }: SlotFinderProps) {
  const t = useT();
  const names = useEngineerNames();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const dataVersion = useConsole((s) => s.dataVersion);
  const [now] = useState(() => Date.now());
  const choices = useMemo(() => searchDays(now, timeZone), [now, timeZone]);
  const [days, setDays] = useState<number[]>([]);
  const [halves, setHalves] = useState<DayHalf[]>([]);
  const [other, setOther] = useState('');
  /** The last answer, with the question it answers. */
  const [answer, setAnswer] = useState<{ question: string; found: SlotSearch } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [row, setRow] = useState(0);
  const [busy, setBusy] = useState(false);
  /** A late window picked, asked about before it is booked. */
  const [asking, setAsking] = useState<{ slot: SlotOffer; withEngineer: boolean; late: LateSlot } | null>(null);
  const list = useRef<HTMLOListElement | null>(null);
  const confirmRef = useRef<HTMLButtonElement | null>(null);
  /** The row to give the focus back to once the question is answered "no". */
  const backTo = useRef<number | null>(null);
  // Focus moves to "book late" in the same task that shows the question, so Enter pressed next confirms it; Esc gives
  // it back to the row picked.
  useLayoutEffect(() => {
    if (asking) return confirmRef.current?.focus();
    const n = backTo.current;
    backTo.current = null;
    if (n !== null) list.current?.querySelectorAll<HTMLElement>('[data-slot-book]')[n]?.focus();
  }, [asking]);

  const otherProblem = other === '' ? null : dayProblem(other, now, timeZone);
  const targetKey = JSON.stringify(target);
  const question = JSON.stringify([targetKey, slotPreferences(days, halves)]);
  // Only the answer to the question as it stands is shown: from the render that changes a preference, not one frame
  // later, the windows of the question before are gone. The same question asked again (bookings changed) keeps its
  // list until the new answer comes.
  const search = answer?.question === question ? answer.found : null;
  /** The question last asked: a new one puts the row back to the first. */
  const asked = useRef('');
  useEffect(() => {
    if (otherProblem) return;
    let live = true;
    const preferences = slotPreferences(days, halves);
    if (question !== asked.current) {
      asked.current = question;
      setRow(0);
    }
    setError(null);
    actions.findSlots({ target, preferences }).then(
      (found) => {
        if (!live) return;
        setAnswer({ question, found });
        // Refreshed while the dispatcher is choosing: the row (and the focus on it) stays where it was.
        setRow((r) => Math.max(0, Math.min(r, found.slots.length - 1)));
      },
      (err: Error) => live && setError(refusalWords(err, consoleStore().getState().locale)),
    );
    return () => {
      live = false;
    };
    // targetKey stands for target; dataVersion: a booking made anywhere changes the windows.
  }, [actions, targetKey, question, days, halves, otherProblem, dataVersion]);

  const slots = search?.slots ?? [];
  const book = async (slot: SlotOffer, withEngineer: boolean, late: LateSlot | null) => {
    setBusy(true);
    const ok = await onPick(slot, withEngineer, late);
    if (!ok) setBusy(false);
  };
  /** A window that keeps the SLA is booked at once; a late one is asked about first. */
  const pick = (slot: SlotOffer, withEngineer: boolean) => {
    if (busy || asking) return;
    const late = lateSlot(slot);
    if (late) return setAsking({ slot, withEngineer, late });
    void book(slot, withEngineer, null);
  };
  const confirmLate = () => {
    if (!asking) return;
    setAsking(null);
    void book(asking.slot, asking.withEngineer, asking.late);
  };
  /** Back to the list, on the row that was picked. */
  const cancelLate = () => {
    backTo.current = row;
    setAsking(null);
  };
  const onFinderKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Esc while asking goes back to the windows; it does not close the dialog.
    if (e.key !== 'Escape' || !asking) return;
    e.preventDefault();
    e.stopPropagation();
    cancelLate();
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
      pick(slot, false);
    }
  };
  const typeDay = (date: string) => {
    setOther(date);
    setDays(daysTyped(choices, date));
  };
  const pressed = daysPressed(days, other);
  const sentence = search ? noSlotSentence(search, t, (id) => skillLabel(id, locale), locale) : null;

  return (
    <div className="slot-finder" data-testid="slot-finder" onKeyDown={onFinderKey}>
      <fieldset className="slot-prefs">
        <legend>{t('slots.days')}</legend>
        <button
          type="button"
          className="chip-toggle"
          aria-pressed={pressed.any}
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
            aria-pressed={pressed.day(c.dayStart)}
            onClick={() => (setDays((d) => toggle(d, c.dayStart)), setOther(''))}
            data-testid="slot-day"
            data-date={c.date}
          >
            {formatShortDay(c.dayStart, locale, timeZone)}
          </button>
        ))}
        <label className="slot-other-day">
          {t('slots.otherDay')}
          <DateField value={other} onChange={typeDay} testId="slot-other-day" />
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
          {typedDaySentence(
            otherProblem,
            other,
            t,
            (date) => formatCalendarDay(date, locale, timeZone, now),
            SEARCH_DAYS,
          )}
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
            <p className="muted">{daysSearchedLine(search.days, t, (d) => formatShortDay(d, locale, timeZone))}</p>
          )}
        </div>
      ) : (
        <>
          {asking && (
            <div
              className="slot-late"
              role="alertdialog"
              aria-label={t('slots.late.title')}
              aria-describedby="slot-late-text"
              data-testid="slot-late"
            >
              <strong>{t('slots.late.title')}</strong>
              <p id="slot-late-text" data-testid="slot-late-text">
                {lateSlotQuestion(asking.slot, asking.late, asking.withEngineer, t, {
                  window: `${formatDateTime(asking.slot.start, locale, timeZone)}–${formatTime(asking.slot.end, locale, timeZone)}`,
                  time: (at) => formatTime(at, locale, timeZone),
                  due: (at) =>
                    (localDate(at, timeZone) === localDate(asking.slot.plannedStart, timeZone)
                      ? formatTime
                      : formatDateTime)(at, locale, timeZone),
                  duration: (ms) => formatDuration(ms, locale),
                })}
              </p>
              <div className="modal-actions">
                <button
                  type="button"
                  className="danger"
                  ref={confirmRef}
                  onClick={confirmLate}
                  data-testid="slot-late-confirm"
                >
                  {t(asking.withEngineer ? 'slots.late.confirm' : 'slots.late.confirmPromise')}
                </button>
                <button type="button" onClick={cancelLate} data-testid="slot-late-cancel">
                  {t('common.cancel')}
                </button>
              </div>
              <p className="muted slot-keys">{t(asking.withEngineer ? 'slots.late.keys' : 'slots.late.keysPromise')}</p>
            </div>
          )}
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
                    {t('slots.arrives', {
                      name: names.get(s.engineerId) ?? s.engineerName,
                      time: formatTime(s.plannedStart, locale, timeZone),
                    })}
                  </span>
                </span>
                <span className="slot-actions">
                  <button
                    type="button"
                    className="primary"
                    data-slot-book
                    autoFocus={i === 0}
                    disabled={busy || asking !== null}
                    onFocus={() => setRow(i)}
                    onClick={() => pick(s, true)}
                    data-testid="slot-book"
                  >
                    {t('slots.bookTo', { name: names.get(s.engineerId) ?? s.engineerName })}
                  </button>
                  <button
                    type="button"
                    disabled={busy || asking !== null}
                    title={t('slots.anyEngineerHint')}
                    onFocus={() => setRow(i)}
                    onClick={() => pick(s, false)}
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
