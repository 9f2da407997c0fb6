// Replay of an engineer's trail on the live map: pick the engineer and the days, then play, pause, scrub and change
import { refusalWords } from '../../i18n/reason-words.js';
// speed; the engineer's statuses are bands along the scrubber and colours on the trail.
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { OrderEvent } from '../../../../shared/domain/index.js';
import { localDate } from '../../../../shared/time/index.js';
import { formatCalendarDay, formatDateTime, formatTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { engineerName } from '../../i18n/names.js';
import { useActions } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { engineerOptions } from './engineer-options.js';
import { ReplayPlayer, SPEEDS, type Speed } from './player.js';
import { onReplayLayer, REPLAY_COLOURS, replayLayer } from './replay-layer.js';
import {
  buildTrack,
  fractionOf,
  MAX_PERIOD_DAYS,
  periodOfDays,
  positionAt,
  segmentAt,
  siteVisits,
  startOf,
  statusSegments,
  step,
  timeAt,
  type Period,
  type StatusSegment,
  type Track,
} from './timeline.js';
import { DateField } from '../../ui/DateField.js';

const SCRUBBER_STEPS = 10_000;
const STEP_MS = 60_000;
const BIG_STEP_MS = 10 * 60_000;
/** Orders whose audit trails are read for status changes, at most. */
const MAX_ORDERS = 60;

interface Loaded {
  engineerId: string;
  /** The days asked for (YYYY-MM-DD), as the folded panel names them. */
  fromDate: string;
  toDate: string;
  period: Period;
  track: Track;
  segments: StatusSegment[];
}

/** Opens the replay panel over the map; closed, it is one button in the map's corner. */
export function Replay() {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        className="replay-open"
        data-testid="replay-open"
        title={t('replay.openHint')}
        onClick={() => setOpen(true)}
      >
        {t('replay.open')}
      </button>
    );
  return (
    <ReplayPanel
      onClose={() => {
        setOpen(false);
        requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid="replay-open"]')?.focus());
      }}
    />
  );
}

function ReplayPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const engineers = useConsole((s) => s.engineers);
  const layer = useSyncExternalStore(onReplayLayer, replayLayer);
  const today = localDate(Date.now(), timeZone);
  const [engineerId, setEngineerId] = useState(
    () => consoleStore().getState().selectedEngineerId ?? [...engineers.keys()][0] ?? '',
  );
  const [fromDate, setFromDate] = useState(today);
  const [toDate, setToDate] = useState(today);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Whether the engineer and days are shown (always before a trail is shown). */
  const [setupOpen, setSetupOpen] = useState(true);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(60);
  const player = useRef<ReplayPlayer | null>(null);
  const scrubber = useRef<HTMLInputElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const request = useRef(0);

  useEffect(() => firstField.current?.focus(), []);

  // The map's scale and credit sit in its bottom corners, where the panel is: they rise above it while it is open.
  useEffect(() => {
    const self = panel.current;
    const map = self?.closest<HTMLElement>('.live-map');
    if (!self || !map) return;
    const lift = () => map.style.setProperty('--replay-panel-height', `${self.offsetHeight + 6}px`);
    lift();
    const watch = new ResizeObserver(lift);
    watch.observe(self);
    return () => {
      watch.disconnect();
      map.style.removeProperty('--replay-panel-height');
    };
  }, []);

  // Two engineers may share a name: the team (and short id) tells them apart.
  const options = engineerOptions(engineers.values(), locale);
  const nameOf = (id: string) => engineerName(consoleStore().getState().engineers, id, locale);

  const load = async () => {
    const engineer = engineers.get(engineerId);
    if (!engineer) return;
    const period = periodOfDays(fromDate, toDate, timeZone, Date.now());
    if ('problem' in period) {
      setNote(
        period.problem === 'backwards'
          ? t('replay.backwards')
          : period.problem === 'too_long'
            ? t('replay.tooLong', { days: MAX_PERIOD_DAYS })
            : t('replay.future'),
      );
      return;
    }
    const mine = ++request.current;
    // The trail is kept on the server: working offline it is not asked for, and the panel says so at once.
    const link = consoleStore().getState().status.state;
    if (link === 'paused') {
      setLoaded(null);
      setBusy(false);
      setNote(t('replay.workingOffline'));
      return;
    }
    setBusy(true);
    setNote(t('replay.loading'));
    try {
      let fixes;
      try {
        fixes = await actions.breadcrumbs(engineer.id, period.from, period.to);
      } catch (err) {
        const online = consoleStore().getState().status.state;
        throw new Error(
          online === 'online' || online === 'syncing'
            ? t('replay.unavailable', { why: refusalWords(err, consoleStore().getState().locale) })
            : t(online === 'paused' ? 'replay.workingOffline' : 'replay.offline'),
          { cause: err },
        );
      }
      const track = buildTrack(fixes);
      if (track.length === 0) throw new Error(t('replay.empty', { name: nameOf(engineer.id) }));
      // Time on site comes from the device's status changes on the engineer's bookings in the period.
      const orders = [...consoleStore().getState().orders.values()]
        .filter(
          (o) => o.booking?.engineerId === engineer.id && o.booking.start < period.to && o.booking.end > period.from,
        )
        .slice(0, MAX_ORDERS);
      let events: OrderEvent[] = [];
      let eventsNote: string | null = null;
      try {
        events = (await Promise.all(orders.map((o) => actions.orderEvents(o.id)))).flat();
      } catch (err) {
        eventsNote = t('replay.eventsUnavailable', { why: refusalWords(err, consoleStore().getState().locale) });
      }
      if (mine !== request.current) return;
      const segments = statusSegments(track, period, {
        shifts: engineer.shifts,
        visits: siteVisits(events, period.to),
      });
      setLoaded({ engineerId: engineer.id, fromDate, toDate, period, track, segments });
      setSetupOpen(false);
      setNote(eventsNote);
    } catch (err) {
      if (mine !== request.current) return;
      setLoaded(null);
      setNote(refusalWords(err, consoleStore().getState().locale));
    } finally {
      if (mine === request.current) setBusy(false);
    }
  };

  // A loaded trail goes on the map (again, when the map is made anew) with a player over its period.
  useEffect(() => {
    if (!loaded || !layer) return;
    const multiDay = loaded.period.to - loaded.period.from > 86_400_000;
    const place = { lat: 0, lon: 0, index: -1 };
    // The marker is named for screen readers by the engineer's name (told apart from a namesake), read once (the
    // fleet's updates do not show the trail again); the trail is fitted into the part of the map the panel leaves free.
    const name = engineerName(consoleStore().getState().engineers, loaded.engineerId, locale);
    layer.show(loaded.track, loaded.segments, t('replay.marker', { name }), (panel.current?.offsetHeight ?? 0) + 10);
    const start = startOf(loaded.period, loaded.track);
    const p = new ReplayPlayer(loaded.period, start, {
      draw: (at, isPlaying) => layer.seek(at, isPlaying),
      frame: (at, isPlaying) => {
        const range = scrubber.current;
        if (range) {
          range.value = String(Math.round(fractionOf(loaded.period, at) * SCRUBBER_STEPS));
          const when = (multiDay ? formatDateTime : formatTime)(at, locale, timeZone);
          range.setAttribute('aria-valuetext', when);
        }
        const out = readout.current;
        const here = positionAt(loaded.track, at, place);
        if (out && at < loaded.track.at[0]!) {
          // Before the first fix nobody knows where the engineer was: the readout says so, not that fix's place.
          out.textContent = t('replay.noFixYet', {
            time: (multiDay ? formatDateTime : formatTime)(at, locale, timeZone),
            first: (multiDay ? formatDateTime : formatTime)(loaded.track.at[0]!, locale, timeZone),
          });
          out.dataset.at = String(Math.round(at));
          delete out.dataset.lat;
          delete out.dataset.lon;
          out.dataset.status = 'no_fix';
        } else if (out && here) {
          const status = segmentAt(loaded.segments, at)?.status ?? 'no_signal';
          out.textContent = t('replay.readout', {
            time: (multiDay ? formatDateTime : formatTime)(at, locale, timeZone),
            status: t(`replay.status.${status}`),
            lat: here.lat.toFixed(5),
            lon: here.lon.toFixed(5),
          });
          out.dataset.at = String(Math.round(at));
          out.dataset.lat = here.lat.toFixed(6);
          out.dataset.lon = here.lon.toFixed(6);
          out.dataset.status = status;
        }
        setPlaying(isPlaying);
      },
    });
    p.speed = player.current?.speed ?? 60;
    player.current = p;
    // At the first fix, so Space plays the trail at once; the scrubber still goes back to the period's start.
    p.seek(start);
    scrubber.current?.focus();
    return () => {
      p.dispose();
      if (player.current === p) player.current = null;
      layer.clear();
    };
  }, [loaded, layer, locale, timeZone, t]);

  const seekBy = (direction: 1 | -1, big: boolean) => {
    const p = player.current;
    if (p) p.seek(step(p.period, p.time, direction, big ? BIG_STEP_MS : STEP_MS));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const inField = target.tagName === 'SELECT' || (target.tagName === 'INPUT' && target !== scrubber.current);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === ' ' && !inField && player.current) {
      e.preventDefault();
      e.stopPropagation();
      player.current.toggle();
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !inField && player.current) {
      e.preventDefault();
      e.stopPropagation();
      seekBy(e.key === 'ArrowRight' ? 1 : -1, e.shiftKey);
    }
  };

  const period = loaded?.period;
  // Once a trail is shown the engineer and days fold into one button beside the player, so the panel takes two short
  // rows and the map keeps most of its height; the button (or a new choice) unfolds them.
  const folded = loaded !== null && !setupOpen;
  const closeButton = (
    <button
      className="replay-close"
      onClick={onClose}
      aria-label={t('replay.close')}
      title={t('replay.close')}
      data-testid="replay-close"
    >
      ×
    </button>
  );
  const playerControls = loaded && (
    <>
      <button
        onClick={() => player.current?.toggle()}
        aria-pressed={playing}
        data-testid="replay-play"
        className="replay-play"
      >
        {playing ? t('replay.pause') : t('replay.play')}
      </button>
      <select
        value={speed}
        aria-label={t('replay.speed')}
        title={t('replay.speed')}
        onChange={(e) => {
          const s = Number(e.target.value) as Speed;
          setSpeed(s);
          if (player.current) player.current.speed = s;
        }}
        data-testid="replay-speed"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {t('replay.speedValue', { n: s })}
          </option>
        ))}
      </select>
    </>
  );
  const summary = loaded
    ? t('replay.summary', {
        name: nameOf(loaded.engineerId),
        days:
          loaded.fromDate === loaded.toDate
            ? formatCalendarDay(loaded.fromDate, locale, timeZone, Date.now())
            : `${formatCalendarDay(loaded.fromDate, locale, timeZone, Date.now())} – ${formatCalendarDay(loaded.toDate, locale, timeZone, Date.now())}`,
      })
    : '';
  return (
    <div
      ref={panel}
      className={folded ? 'replay-panel folded' : 'replay-panel'}
      role="region"
      aria-label={t('replay.title')}
      data-testid="replay"
      onKeyDown={onKeyDown}
    >
      {folded ? (
        <div className="replay-row">
          {playerControls}
          <button
            className="replay-summary"
            aria-expanded={false}
            title={`${summary}\n${t('replay.change')}`}
            onClick={() => setSetupOpen(true)}
            data-testid="replay-setup-toggle"
          >
            <span>{summary}</span> ▾
          </button>
          {closeButton}
        </div>
      ) : (
        <div className="replay-row replay-setup">
          <select
            ref={firstField}
            value={engineerId}
            aria-label={t('replay.engineer')}
            onChange={(e) => setEngineerId(e.target.value)}
            data-testid="replay-engineer"
          >
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.text}
              </option>
            ))}
          </select>
          <span className="replay-days">
            <DateField value={fromDate} label={t('replay.from')} onChange={setFromDate} testId="replay-from" />
            <span aria-hidden="true">–</span>
            <DateField value={toDate} label={t('replay.to')} onChange={setToDate} testId="replay-to" />
          </span>
          <button
            className="primary"
            disabled={busy || !engineerId || !fromDate || !toDate}
            onClick={() => void load()}
            data-testid="replay-load"
          >
            {t('replay.load')}
          </button>
          {loaded && (
            <button
              className="replay-fold"
              aria-expanded={true}
              aria-label={t('replay.fold')}
              title={t('replay.fold')}
              onClick={() => setSetupOpen(false)}
              data-testid="replay-setup-toggle"
            >
              ▴
            </button>
          )}
          <span className="spacer" />
          {closeButton}
        </div>
      )}
      {(note || (loaded && !layer)) && (
        <p className="replay-note" role="status" data-testid="replay-note">
          {loaded && !layer ? t('replay.noMap') : note}
        </p>
      )}
      {loaded && period && (
        <>
          {!folded && <div className="replay-row">{playerControls}</div>}
          <div className="replay-scrubber" title={t('replay.keys')}>
            <div className="replay-bands" aria-hidden="true">
              {loaded.segments.map((s) => (
                <span
                  key={s.start}
                  className="replay-band"
                  data-status={s.status}
                  title={t('replay.segment', {
                    status: t(`replay.status.${s.status}`),
                    from: formatTime(s.start, locale, timeZone),
                    to: formatTime(s.end, locale, timeZone),
                  })}
                  style={{
                    left: `${fractionOf(period, s.start) * 100}%`,
                    width: `${(fractionOf(period, s.end) - fractionOf(period, s.start)) * 100}%`,
                    background: REPLAY_COLOURS[s.status],
                  }}
                />
              ))}
            </div>
            <input
              ref={scrubber}
              type="range"
              min={0}
              max={SCRUBBER_STEPS}
              defaultValue={0}
              aria-label={t('replay.scrubber')}
              data-testid="replay-scrubber"
              data-from={period.from}
              data-to={period.to}
              onInput={(e) => player.current?.seek(timeAt(period, Number(e.currentTarget.value) / SCRUBBER_STEPS))}
            />
          </div>
          <output ref={readout} className="replay-readout" data-testid="replay-readout" aria-live="off" />
          {!folded && (
            <div className="replay-legend">
              {[...new Set(loaded.segments.map((s) => s.status))].map((status) => (
                <span key={status}>
                  <i style={{ background: REPLAY_COLOURS[status] }} />
                  {t(`replay.status.${status}`)}
                </span>
              ))}
              <span className="replay-count">{t('replay.fixes', { n: loaded.track.length })}</span>
              <span className="replay-keys">{t('replay.keys')}</span>
            </div>
          )}
        </>
      )}
    </div>
  );
}
