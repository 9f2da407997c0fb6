import {
  ORDER_TYPES,
  PRIORITIES,
  type Customer,
  type CustomerLanguage,
  type CustomerTier,
  type OrderType,
  type Priority,
  type Site,
} from '../../../../shared/domain/index.js';
import { centreLanguage } from '../../../../shared/scenario/areas.js';
import { NewOrder } from '../../../../shared/sync/index.js';
import { epochAtLocal, localDate } from '../../../../shared/time/index.js';
import { issueReason } from '../../../../shared/validation/issues.js';
import { translate, type Locale, type MessageKey } from '../../i18n/messages.js';
import { reasonsWords } from '../../i18n/reason-words.js';
import type { EngineerView, OrderView } from '../../services/index.js';

/** A customer the centre has served, with every site it has sent an engineer to. */
export interface KnownCustomer {
  customer: Customer;
  sites: Site[];
}

/** Customers and their sites from the orders on file, most recently active first. */
export function knownCustomers(orders: Iterable<OrderView>): KnownCustomer[] {
  const byId = new Map<string, { customer: Customer; sites: Map<string, Site>; last: number }>();
  for (const o of orders) {
    const known = byId.get(o.customer.id) ?? { customer: o.customer, sites: new Map(), last: 0 };
    known.sites.set(o.site.address, o.site);
    if (o.createdAt >= known.last) [known.customer, known.last] = [o.customer, o.createdAt];
    byId.set(o.customer.id, known);
  }
  return [...byId.values()]
    .sort((a, b) => b.last - a.last || a.customer.name.localeCompare(b.customer.name))
    .map((k) => ({ customer: k.customer, sites: [...k.sites.values()] }));
}

/** The skills and parts the field force has, to pick requirements from. */
export function catalogue(engineers: Iterable<EngineerView>): { skills: string[]; parts: string[] } {
  const skills = new Set<string>();
  const parts = new Set<string>();
  for (const e of engineers) {
    for (const s of e.skills) skills.add(s.skill);
    for (const p of Object.keys(e.vanStock)) parts.add(p);
  }
  return { skills: [...skills].sort(), parts: [...parts].sort() };
}

/** What the dispatcher has typed, as strings, the way the form holds it. */
export interface OrderDraft {
  customerId: string | null;
  customerName: string;
  /**
   * The language the customer is written to in: a known customer's own, else the one the dispatcher chose, which
   * starts as the centre's (callerLanguage).
   */
  customerLanguage: CustomerLanguage;
  tier: CustomerTier;
  phone: string;
  address: string;
  lat: string;
  lon: string;
  type: OrderType;
  priority: Priority;
  summary: string;
  durationMin: string;
  skills: Array<{ skill: string; level: number }>;
  parts: Array<{ part: string; qty: number }>;
  /** Promised window on `windowDate` (YYYY-MM-DD) from `windowFrom` to `windowTo` (HH:MM), in the centre's zone. */
  windowDate: string;
  windowFrom: string;
  windowTo: string;
}

/**
 * The language a new caller is written to in unless the dispatcher chooses another: the control centre's (its area's,
 * by its time zone, as the notifier finds it), or the console's own when the zone is no known centre's.
 */
export function callerLanguage(timeZone: string, locale: Locale): CustomerLanguage {
  return centreLanguage(timeZone) ?? (locale === 'zh-CN' ? 'zh' : 'en');
}

/** A blank call, its caller written to in `language` (callerLanguage) until the dispatcher says otherwise. */
export function emptyDraft(language: CustomerLanguage): OrderDraft {
  return {
    customerId: null,
    customerName: '',
    customerLanguage: language,
    tier: 'silver',
    phone: '',
    address: '',
    lat: '',
    lon: '',
    type: ORDER_TYPES[1],
    priority: PRIORITIES[2],
    summary: '',
    durationMin: '60',
    skills: [],
    parts: [],
    windowDate: '',
    windowFrom: '',
    windowTo: '',
  };
}

/** Field name → what is wrong with it, in the console's language. */
export type DraftErrors = Partial<Record<keyof OrderDraft | 'form', string>>;

function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** Where each schema path shows its error in the form. */
const FIELD_OF: Record<string, keyof OrderDraft> = {
  'customer.name': 'customerName',
  'customer.phone': 'phone',
  'customer.tier': 'tier',
  'customer.language': 'customerLanguage',
  'site.address': 'address',
  'site.lat': 'lat',
  'site.lon': 'lon',
  summary: 'summary',
  durationMin: 'durationMin',
  requiredSkills: 'skills',
  requiredParts: 'parts',
  window: 'windowTo',
};

/**
 * The createOrder arguments for a draft, or the reasons it cannot be one, in the console's language (`t`). `ids` makes
 * the new order's id, code and (for a new customer) customer id; codes carry the day so a console offline all morning
 * cannot collide with another.
 */
export function draftToOrder(
  d: OrderDraft,
  timeZone: string,
  now: number,
  ids: { random: () => string },
  locale: Locale = 'en',
): { ok: true; order: NewOrder } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const say = (key: MessageKey) => translate(locale, key);
  const num = (field: 'lat' | 'lon' | 'durationMin', text: string) => {
    const v = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(v)) errors[field] = say('newOrder.error.number');
    return v;
  };
  const lat = num('lat', d.lat);
  const lon = num('lon', d.lon);
  const durationMin = num('durationMin', d.durationMin);
  let window: { start: number; end: number } | null = null;
  if (d.windowFrom || d.windowTo) {
    const from = minutesOf(d.windowFrom);
    const to = minutesOf(d.windowTo);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.windowDate)) errors.windowDate = say('newOrder.error.day');
    else if (from === null) errors.windowFrom = say('newOrder.error.from');
    else if (to === null) errors.windowTo = say('newOrder.error.to');
    else if (to <= from) errors.windowTo = say('newOrder.error.order');
    else {
      try {
        window = { start: epochAtLocal(d.windowDate, from, timeZone), end: epochAtLocal(d.windowDate, to, timeZone) };
        if (window.end <= now) errors.windowTo = say('newOrder.error.passed');
      } catch {
        errors.windowDate = say('newOrder.error.date');
      }
    }
  }
  // The form's own checks do not stop the schema's: every wrong field is named at once, not one layer per submit.
  const day = localDate(now, timeZone).replaceAll('-', '').slice(2);
  const token = ids.random().toUpperCase();
  const candidate = {
    id: `o-${day}-${ids.random()}${ids.random()}`,
    code: `WO-${day}-${token}`,
    parentOrderId: null,
    customer: {
      id: d.customerId ?? `c-${ids.random()}${ids.random()}`,
      name: d.customerName,
      tier: d.tier,
      phone: d.phone,
      language: d.customerLanguage,
    },
    site: { lat, lon, address: d.address },
    type: d.type,
    priority: d.priority,
    summary: d.summary,
    requiredSkills: d.skills,
    requiredParts: d.parts,
    durationMin,
    window,
    preferredEngineerIds: [],
    excludedEngineerIds: [],
  };
  const parsed = NewOrder.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, order: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const path = issue.path.map(String);
    const field = FIELD_OF[path.slice(0, 2).join('.')] ?? FIELD_OF[path[0] ?? ''] ?? 'form';
    // The schema's rule in the console's language (its reason), its own words only when it names none.
    const why = issueReason(issue);
    errors[field] ??= typeof why === 'string' ? why : reasonsWords([why], locale);
  }
  return { ok: false, errors };
}

/**
 * What naming the caller fills in of a call. A known customer's name: the customer, their tier, phone and language
 * (theirs on file; without one, the language chosen so far) and their latest site, to locate. Another name: a new
 * customer, written to in the language chosen so far, or in `language` (the caller default, callerLanguage) when the
 * name was a known customer's a moment ago, whose language that was.
 */
export function nameCaller(
  draft: OrderDraft,
  name: string,
  customers: readonly KnownCustomer[],
  language: CustomerLanguage,
): { patch: Partial<OrderDraft>; site: Site | null } {
  const match = customers.find((c) => c.customer.name === name);
  if (!match) {
    const patch = { customerId: null, customerName: name };
    return { patch: draft.customerId === null ? patch : { ...patch, customerLanguage: language }, site: null };
  }
  const { customer } = match;
  return {
    patch: {
      customerId: customer.id,
      customerName: customer.name,
      customerLanguage: customer.language ?? draft.customerLanguage,
      tier: customer.tier,
      phone: customer.phone,
    },
    site: match.sites[0] ?? null,
  };
}

/**
 * What a known site fills in of a call: the customer it belongs to, their phone, tier and language (theirs on file;
 * without one, the language chosen so far), where the dispatcher has not typed a customer yet (a customer typed is
 * kept: the caller may be someone else at the same site).
 */
export function fillFromSite(draft: OrderDraft, owner: Customer): Partial<OrderDraft> {
  if (draft.customerName.trim() !== '' || draft.customerId !== null) return {};
  return {
    customerId: owner.id,
    customerName: owner.name,
    customerLanguage: owner.language ?? draft.customerLanguage,
    tier: owner.tier,
    ...(draft.phone.trim() === '' ? { phone: owner.phone } : {}),
  };
}
