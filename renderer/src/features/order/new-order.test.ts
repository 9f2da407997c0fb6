import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../../shared/scenario/index.js';
import { epochAtLocal } from '../../../../shared/time/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import {
  callerLanguage,
  catalogue,
  draftToOrder,
  emptyDraft,
  fillFromSite,
  knownCustomers,
  nameCaller,
  type OrderDraft,
} from './new-order.js';

const en = 'en' as const;
const zh = 'zh-CN' as const;

const city = generateScenario({ seed: 9, engineers: 12, orders: 120 });
const orders: OrderView[] = city.orders.map((o) => ({ ...o, pending: false }));
const engineers: EngineerView[] = city.engineers.map((e) => ({ ...e, pending: false }));
const zone = 'Asia/Shanghai';
const now = epochAtLocal('2026-03-02', 10 * 60, zone);
let n = 0;
const ids = { random: () => `r${(n++).toString(36).padStart(3, '0')}` };

const filled: OrderDraft = {
  ...emptyDraft('zh'),
  customerName: 'Lujiazui Tower Management',
  phone: '+86 21 5555 0101',
  address: '100 Century Avenue, Pudong',
  lat: '31.2353',
  lon: '121.5055',
  priority: 'P1',
  summary: 'Lift stuck between floors',
  durationMin: '90',
};

describe('logging a call', () => {
  it('turns a filled draft into createOrder arguments with a dated code and a new customer id', () => {
    const made = draftToOrder(filled, zone, now, ids, en);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.order.code).toMatch(/^WO-260302-R\w+$/);
    expect(made.order.customer).toMatchObject({ name: filled.customerName, tier: 'silver', phone: filled.phone });
    expect(made.order.customer.id).toMatch(/^c-/);
    expect(made.order.site).toEqual({ lat: 31.2353, lon: 121.5055, address: filled.address });
    expect(made.order).toMatchObject({ priority: 'P1', durationMin: 90, window: null, requiredSkills: [] });
  });

  it('reads the promised window in the centre’s zone', () => {
    const made = draftToOrder(
      { ...filled, windowDate: '2026-03-02', windowFrom: '14:00', windowTo: '16:30' },
      zone,
      now,
      ids,
      en,
    );
    expect(made.ok && made.order.window).toEqual({
      start: Date.UTC(2026, 2, 2, 6, 0),
      end: Date.UTC(2026, 2, 2, 8, 30),
    });
  });

  it('names every field that is wrong, and builds nothing', () => {
    const made = draftToOrder(
      {
        ...filled,
        lat: 'north',
        phone: 'call me',
        summary: 'x'.repeat(501),
        windowDate: '2026-03-02',
        windowFrom: '16:00',
        windowTo: '15:00',
      },
      zone,
      now,
      ids,
      en,
    );
    // The form's own checks (a number, the window) and the schema's (phone, summary) in one answer, not one per submit.
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.errors).toMatchObject({ lat: 'a number is needed', windowTo: 'the window must end after it starts' });
    expect(Object.keys(made.errors).sort()).toEqual(['lat', 'phone', 'summary', 'windowTo']);
    const schema = draftToOrder(
      { ...filled, phone: 'call me', summary: 'x'.repeat(501), lat: '95' },
      zone,
      now,
      ids,
      en,
    );
    expect(schema.ok).toBe(false);
    if (schema.ok) return;
    expect(Object.keys(schema.errors).sort()).toEqual(['lat', 'phone', 'summary']);
    expect(schema.errors.phone).toMatch(/digits/);
    // In Chinese, the form's own checks and the schema's rules alike.
    const zh = draftToOrder(
      { ...filled, lat: 'north', windowDate: '2026-03-02', windowFrom: '16:00', windowTo: '15:00' },
      zone,
      now,
      ids,
      'zh-CN',
    );
    expect(zh.ok === false && zh.errors).toEqual({ lat: '需要填写数字', windowTo: '时段的结束时间必须晚于开始时间' });
    const zhSchema = draftToOrder({ ...filled, phone: 'call me', lat: '95' }, zone, now, ids, 'zh-CN');
    expect(zhSchema.ok === false && zhSchema.errors).toEqual({
      phone: '电话号码只能包含数字、空格和 + ( ) -',
      lat: '不得大于 90',
    });
  });

  it("says what is wrong in the console's language, not in the schema's (期望 string >=3 字符)", () => {
    const made = draftToOrder({ ...filled, phone: '', summary: 'x'.repeat(501), lat: '95' }, zone, now, ids, zh);
    expect(made).toEqual({
      ok: false,
      errors: {
        phone: '至少需要 3 个字符',
        summary: '最多 500 个字符',
        lat: '不得大于 90',
      },
    });
    const typed = draftToOrder(
      { ...filled, lat: '', windowDate: '2026-03-05', windowFrom: '9', windowTo: '12:00' },
      zone,
      now,
      ids,
      zh,
    );
    expect(typed).toEqual({ ok: false, errors: { lat: '需要填写数字', windowFrom: '请填写时间，例如 09:30' } });
    expect(draftToOrder({ ...filled, customerName: '' }, zone, now, ids, en)).toEqual({
      ok: false,
      errors: { customerName: 'must not be empty' },
    });
  });

  it('refuses a window that has already passed or a day that does not exist', () => {
    const past = draftToOrder(
      { ...filled, windowDate: '2026-03-02', windowFrom: '08:00', windowTo: '09:00' },
      zone,
      now,
      ids,
      en,
    );
    expect(past).toMatchObject({ ok: false, errors: { windowTo: 'the window has already passed' } });
    const bogus = draftToOrder(
      { ...filled, windowDate: '2026-02-30', windowFrom: '11:00', windowTo: '12:00' },
      zone,
      now,
      ids,
      en,
    );
    expect(bogus).toMatchObject({ ok: false, errors: { windowDate: 'not a calendar date' } });
  });

  it('knows each customer once, with every site served, and the field force’s skills and parts', () => {
    const known = knownCustomers(orders);
    expect(new Set(known.map((k) => k.customer.id)).size).toBe(known.length);
    const someone = known.find((k) => k.sites.length > 0)!;
    const theirs = orders.filter((o) => o.customer.id === someone.customer.id).map((o) => o.site.address);
    expect(someone.sites.map((s) => s.address).sort()).toEqual([...new Set(theirs)].sort());
    const { skills, parts } = catalogue(engineers);
    expect(skills).toEqual([...new Set(engineers.flatMap((e) => e.skills.map((s) => s.skill)))].sort());
    expect(parts.length).toBeGreaterThan(0);
  });
});

describe('a known site picked for a call', () => {
  const owner = orders[0]!.customer;

  it('fills the customer, their phone, tier and language when none is typed yet', () => {
    expect(owner.language).toBe('zh');
    expect(fillFromSite(emptyDraft('zh'), owner)).toEqual({
      customerId: owner.id,
      customerName: owner.name,
      customerLanguage: 'zh',
      tier: owner.tier,
      phone: owner.phone,
    });
    // The call is made for that customer, written to in their language.
    const filled = { ...emptyDraft('zh'), ...fillFromSite(emptyDraft('zh'), owner) };
    const call = draftToOrder(
      { ...filled, address: 'a', lat: '31.2', lon: '121.5', summary: 'x', durationMin: '60' },
      zone,
      now,
      ids,
      'en',
    );
    expect(call.ok && call.order.customer).toEqual(owner);
    // A phone already typed (the caller's own) is kept.
    expect(fillFromSite({ ...emptyDraft('zh'), phone: '+86 139 0000 0000' }, owner)).not.toHaveProperty('phone');
  });

  it('keeps a customer the dispatcher has typed or picked', () => {
    expect(fillFromSite({ ...emptyDraft('zh'), customerName: 'Someone else' }, owner)).toEqual({});
  });
});

describe("the language a call's customer is written to in", () => {
  const known = knownCustomers(orders);
  const someone = known.find((k) => k.customer.language === 'zh')!;

  it("starts as the centre's: English in London, Chinese in Shanghai, whatever the console's own language", () => {
    expect(callerLanguage('Europe/London', zh)).toBe('en');
    expect(callerLanguage('Asia/Shanghai', en)).toBe('zh');
    // A zone no known centre is in: the console's own language.
    expect(callerLanguage('America/New_York', zh)).toBe('zh');
    expect(callerLanguage('America/New_York', en)).toBe('en');
    expect(emptyDraft(callerLanguage('Europe/London', zh)).customerLanguage).toBe('en');
  });

  it('is kept in the new customer of the order, as chosen; a value the contract refuses shows at the field', () => {
    const london = { ...filled, customerLanguage: callerLanguage('Europe/London', en) };
    const made = draftToOrder(london, 'Europe/London', now, ids, en);
    expect(made.ok && made.order.customer.language).toBe('en');
    const chosen = draftToOrder({ ...london, customerLanguage: 'zh' }, 'Europe/London', now, ids, en);
    expect(chosen.ok && chosen.order.customer.language).toBe('zh');
    const wrong = draftToOrder({ ...london, customerLanguage: 'fr' as 'en' }, 'Europe/London', now, ids, en);
    expect(!wrong.ok && Object.keys(wrong.errors)).toEqual(['customerLanguage']);
  });

  it("is a known caller's own when named, the chosen one for a new name, the centre's again after a known one", () => {
    const draft = emptyDraft('en');
    // A known caller keeps theirs (Chinese), over the London default.
    const picked = nameCaller(draft, someone.customer.name, known, 'en');
    expect(picked.patch).toMatchObject({ customerId: someone.customer.id, customerLanguage: 'zh' });
    expect(picked.site).toEqual(someone.sites[0]);
    // A known caller with none on file: the language chosen so far.
    const bare = { ...someone, customer: { ...someone.customer, language: undefined } };
    expect(nameCaller({ ...draft, customerLanguage: 'zh' }, bare.customer.name, [bare], 'en').patch).toMatchObject({
      customerLanguage: 'zh',
    });
    // A new caller, typed letter by letter: the dispatcher's choice stays.
    const typing = nameCaller({ ...draft, customerLanguage: 'zh' }, 'New Caller Ltd', known, 'en');
    expect(typing).toEqual({ patch: { customerId: null, customerName: 'New Caller Ltd' }, site: null });
    // A known caller's name edited into a new one: no longer theirs, the centre's again.
    const after = { ...draft, ...picked.patch };
    expect(nameCaller(after, `${someone.customer.name} 2`, known, 'en').patch).toEqual({
      customerId: null,
      customerName: `${someone.customer.name} 2`,
      customerLanguage: 'en',
    });
  });
});
