import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CUSTOMER_LANGUAGES, CUSTOMER_TIERS, ORDER_TYPES, PRIORITIES } from '../../../../shared/domain/index.js';
import { localDate } from '../../../../shared/time/index.js';
import { useActions } from '../../services/index.js';
import { useT } from '../../i18n/use-t.js';
import { partLabel, skillLabel } from '../../i18n/domain-labels.js';
import { consoleStore, useConsole } from '../../store/index.js';
import {
  callerLanguage,
  catalogue,
  draftToOrder,
  emptyDraft,
  fillFromSite,
  knownCustomers,
  nameCaller,
  type DraftErrors,
  type OrderDraft,
} from './new-order.js';
import { Dialog } from '../../ui/Dialog.js';
import { PickMap } from '../map/index.js';
import { placeAt, placeIndex, type Place } from './address-search.js';
import { AddressSearch } from './AddressSearch.js';
import { SlotFinder } from '../slots/index.js';
import type { NewOrder } from '../../../../shared/sync/index.js';
import { DateField } from '../../ui/DateField.js';
import { TimeField } from '../../ui/TimeField.js';

/** Four random base-36 characters from the browser's CSPRNG. */
function random4(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes].map((b) => (b % 36).toString(36)).join('');
}

function Field(props: { label: string; error: string | undefined; children: ReactNode; wide?: boolean }) {
  return (
    <label className={props.wide ? 'wide' : undefined}>
      {props.label}
      {props.children}
      {props.error && <span className="field-error">{props.error}</span>}
    </label>
  );
}

/**
 * Log a call: a known customer and site (from the orders on file) or a new one, what is wrong, how urgent, what it
 * needs and when the customer can be there. The order is in the queue at once, online or not.
 */
export function NewOrderDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const actions = useActions();
  const timeZone = useConsole((s) => s.timeZone);
  /** The language a new caller is written to in: the centre's (see callerLanguage), unless the dispatcher picks another. */
  const [language] = useState(() => callerLanguage(timeZone, locale));
  const [draft, setDraft] = useState<OrderDraft>(() => ({
    ...emptyDraft(language),
    windowDate: localDate(Date.now(), timeZone),
  }));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const { customers, skills, parts } = useMemo(() => {
    const { orders, engineers } = consoleStore().getState();
    return { customers: knownCustomers(orders.values()), ...catalogue(engineers.values()) };
  }, []);
  /** The parts to pick, by name in the console's language (the id is only the value sent), in name order. */
  const partChoices = useMemo(
    () => parts.map((id) => ({ id, name: partLabel(id, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale)),
    [parts, locale],
  );
  const known = customers.find((c) => c.customer.id === draft.customerId) ?? null;
  const places = useMemo(
    () =>
      placeIndex(
        customers.flatMap((c) =>
          c.sites.map((site) => ({ site, customer: c.customer.name, customerId: c.customer.id })),
        ),
      ),
    [customers],
  );
  /** The address the coordinates belong to: the place picked from the list or on the map. */
  const [located, setLocated] = useState<string | null>(null);
  const [mapOpen, setMapOpen] = useState(false);
  const set = (patch: Partial<OrderDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const locate = (address: string, point: { lat: number; lon: number }) => {
    set({ address, lat: String(point.lat), lon: String(point.lon) });
    setLocated(address);
    setErrors(({ address: _, lat: __, lon: ___, ...rest }) => rest);
  };
  const pickPlace = (place: Place) => {
    // A known site tells who the customer is: what the dispatcher has not typed yet is filled from it.
    const owner = customers.find((c) => c.customer.id === place.customerId);
    const filled = owner ? fillFromSite(draft, owner.customer) : {};
    set(filled);
    locate(place.address, place);
    // What the site filled in is no longer wrong: its fields' messages go with the fill.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([field]) => !(field in filled))));
  };
  // Typing keeps the coordinates only while the text still begins with the located address ("…100号 3楼").
  const typeAddress = (address: string) =>
    located !== null && address.startsWith(located)
      ? set({ address })
      : (set({ address, lat: '', lon: '' }), setLocated(null));
  const pickOnMap = (point: { lat: number; lon: number }) => {
    // The address typed stays; an empty one is started with the known site or district at the point.
    const named = draft.address.trim() === '' ? placeAt(places, point) : null;
    locate(named?.address ?? draft.address, point);
  };
  const point = draft.lat !== '' && draft.lon !== '' ? { lat: Number(draft.lat), lon: Number(draft.lon) } : null;

  const pickCustomer = (name: string) => {
    const { patch, site } = nameCaller(draft, name, customers, language);
    set(patch);
    if (site) locate(site.address, site);
  };

  /** The call as it will be created, or null (the reasons shown by the fields) while the form is not right. */
  const made = (): NewOrder | null => {
    // Not located yet: the other fields are checked as if it were, so every problem shows at once.
    const checked = point === null ? { ...draft, lat: '0', lon: '0' } : draft;
    const result = draftToOrder(checked, timeZone, Date.now(), { random: random4 }, locale);
    if (point === null) {
      // Every field's problem at once, the address's first (its coordinates are not typed: they come with it).
      const { lat: _, lon: __, ...others } = result.ok ? {} : result.errors;
      return (setErrors({ ...others, address: t('newOrder.notLocated') }), null);
    }
    if (!result.ok) return (setErrors(result.errors), null);
    setErrors({});
    return result.order;
  };
  /** The "Find a time" step: the call as typed, offered the best windows; null while the form is shown. */
  const [finding, setFinding] = useState<NewOrder | null>(null);
  const findButton = useRef<HTMLButtonElement | null>(null);
  /** Set when the step is left for the form: the focus goes back to "Find a time", so keys stay in the dialog. */
  const backToForm = useRef(false);
  useLayoutEffect(() => {
    if (finding || !backToForm.current) return;
    backToForm.current = false;
    findButton.current?.focus();
  }, [finding]);
  /** Back from the windows to the call as typed (Esc, the backdrop or "Back to the call"): nothing typed is lost. */
  const backToCall = () => {
    backToForm.current = true;
    setFinding(null);
  };

  const submit = async () => {
    const order = made();
    if (!order) return;
    setBusy(true);
    const done = await actions.createOrder(order);
    setBusy(false);
    if (done) onClose();
  };

  if (finding)
    return (
      <Dialog label={t('newOrder.title')} className="new-order slots-step" testId="new-order" onClose={backToCall}>
        <h2>{t('slots.title', { what: finding.summary || finding.customer.name })}</h2>
        <SlotFinder
          target={{ draft: finding }}
          onPick={async (slot, withEngineer, late) => {
            const done = await actions.bookSlot({ order: finding }, slot, withEngineer, late);
            if (done) onClose();
            return done;
          }}
        />
        <div className="modal-actions">
          <button type="button" onClick={backToCall} data-testid="slot-back">
            {t('slots.back')}
          </button>
        </div>
      </Dialog>
    );

  return (
    <Dialog
      label={t('newOrder.title')}
      className="new-order"
      testId="new-order"
      onClose={onClose}
      onSubmit={(e) => (e.preventDefault(), void submit())}
      noValidate
    >
      <h2>{t('newOrder.title')}</h2>
      <div className="form-grid">
        <Field label={t('newOrder.customer')} error={errors.customerName} wide>
          <input
            list="known-customers"
            value={draft.customerName}
            onChange={(e) => pickCustomer(e.target.value)}
            data-testid="new-order-customer"
            required
          />
          <datalist id="known-customers">
            {customers.map((c) => (
              <option key={c.customer.id} value={c.customer.name} />
            ))}
          </datalist>
        </Field>
        <Field label={t('newOrder.tier')} error={errors.tier}>
          <select
            value={draft.tier}
            disabled={known !== null}
            onChange={(e) => set({ tier: e.target.value as OrderDraft['tier'] })}
          >
            {CUSTOMER_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`tier.${tier}` as 'tier.gold')}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newOrder.phone')} error={errors.phone}>
          <input value={draft.phone} onChange={(e) => set({ phone: e.target.value })} data-testid="new-order-phone" />
        </Field>
        <Field label={t('newOrder.language')} error={errors.customerLanguage}>
          <select
            value={draft.customerLanguage}
            onChange={(e) => set({ customerLanguage: e.target.value as OrderDraft['customerLanguage'] })}
            data-testid="new-order-language"
          >
            {CUSTOMER_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`customerLanguage.${l}` as 'customerLanguage.zh')}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newOrder.address')} error={errors.address} wide>
          <AddressSearch index={places} value={draft.address} onType={typeAddress} onPick={pickPlace} />
        </Field>
        <div className="new-order-point wide">
          <span data-testid="new-order-point">
            {point
              ? t('newOrder.point', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })
              : t('newOrder.noPoint')}
          </span>
          <button
            type="button"
            aria-pressed={mapOpen}
            onClick={() => setMapOpen((o) => !o)}
            data-testid="new-order-map-toggle"
          >
            {t(mapOpen ? 'newOrder.hideMap' : 'newOrder.pickOnMap')}
          </button>
          {(errors.lat ?? errors.lon) && <span className="field-error">{errors.lat ?? errors.lon}</span>}
        </div>
        {mapOpen && (
          <div className="wide">
            <PickMap point={point} centre={places.centre} onPick={pickOnMap} />
          </div>
        )}
        <Field label={t('newOrder.priority')} error={errors.priority}>
          <select
            value={draft.priority}
            onChange={(e) => set({ priority: e.target.value as OrderDraft['priority'] })}
            data-testid="new-order-priority"
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newOrder.type')} error={errors.type}>
          <select value={draft.type} onChange={(e) => set({ type: e.target.value as OrderDraft['type'] })}>
            {ORDER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`orderType.${type}` as 'orderType.repair')}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newOrder.summary')} error={errors.summary} wide>
          <input
            value={draft.summary}
            onChange={(e) => set({ summary: e.target.value })}
            data-testid="new-order-summary"
          />
        </Field>
        <Field label={t('newOrder.duration')} error={errors.durationMin}>
          <input inputMode="numeric" value={draft.durationMin} onChange={(e) => set({ durationMin: e.target.value })} />
        </Field>
        <Field label={t('newOrder.skill')} error={errors.skills}>
          <select
            value={draft.skills[0] ? `${draft.skills[0].skill}:${draft.skills[0].level}` : ''}
            onChange={(e) => {
              const [skill, level] = e.target.value.split(':');
              set({ skills: skill ? [{ skill, level: Number(level) }] : [] });
            }}
          >
            <option value="">—</option>
            {skills.flatMap((s) =>
              [1, 2, 3, 4, 5].map((level) => (
                <option key={`${s}:${level}`} value={`${s}:${level}`}>
                  {skillLabel(s, locale)} ≥ {level}
                </option>
              )),
            )}
          </select>
        </Field>
        <Field label={t('newOrder.part')} error={errors.parts}>
          <select
            value={draft.parts[0]?.part ?? ''}
            onChange={(e) => set({ parts: e.target.value ? [{ part: e.target.value, qty: 1 }] : [] })}
            data-testid="new-order-part"
          >
            <option value="">—</option>
            {partChoices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newOrder.windowDate')} error={errors.windowDate}>
          <DateField
            value={draft.windowDate}
            onChange={(windowDate) => set({ windowDate })}
            testId="new-order-window-date"
          />
        </Field>
        <Field label={t('newOrder.windowFrom')} error={errors.windowFrom}>
          <TimeField
            value={draft.windowFrom}
            onChange={(windowFrom) => set({ windowFrom })}
            testId="new-order-window-from"
          />
        </Field>
        <Field label={t('newOrder.windowTo')} error={errors.windowTo}>
          <TimeField value={draft.windowTo} onChange={(windowTo) => set({ windowTo })} testId="new-order-window-to" />
        </Field>
      </div>
      {errors.form && <p className="field-error">{errors.form}</p>}
      <p className="muted">{t('newOrder.hint')}</p>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          title={t('slots.findHint')}
          ref={findButton}
          disabled={busy}
          onClick={() => setFinding(made())}
          data-testid="new-order-find-time"
        >
          {t('slots.find')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="new-order-submit">
          {t('newOrder.submit')}
        </button>
      </div>
    </Dialog>
  );
}
