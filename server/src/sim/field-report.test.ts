import { describe, expect, it } from 'vitest';
import { ServiceReport, SignaturePath } from '../../../shared/domain/index.js';
import { AREAS, Random } from '../../../shared/scenario/index.js';
import { drawnSignature, fieldReport } from './field-report.js';

const SHANGHAI = 'Asia/Shanghai';

describe('the simulated engineer’s service report', () => {
  const order = {
    summary: 'Boiler leaking',
    customer: { id: 'cus-1', name: 'Wang Fang', tier: 'silver' as const, phone: '13800000000' },
    requiredParts: [
      { part: 'valve', qty: 2 },
      { part: 'seal', qty: 1 },
      { part: 'pump', qty: 1 },
    ],
  };

  it('uses only the parts the van holds, and is a valid report', () => {
    const rng = new Random(3);
    const r = fieldReport(order, { vanStock: { valve: 1, seal: 4 } }, 37.6, undefined, rng, SHANGHAI);
    expect(r.partsUsed).toEqual([
      { part: 'valve', qty: 1 },
      { part: 'seal', qty: 1 },
    ]);
    expect(r.timeOnSiteMin).toBe(38);
    expect(ServiceReport.omit({ submittedAt: true }).parse(r)).toEqual(r);
  });

  it("writes the plain line in the customer's language when the engineer adds nothing", () => {
    const rng = new Random(4);
    const zh = { ...order, summary: '空调不制冷', customer: { ...order.customer, language: 'zh' as const } };
    const en = { ...order, customer: { ...order.customer, language: 'en' as const } };
    expect(fieldReport(zh, { vanStock: {} }, 10, undefined, rng, SHANGHAI).workDone).toBe('已完成：空调不制冷');
    expect(fieldReport(en, { vanStock: {} }, 10, undefined, rng, SHANGHAI).workDone).toBe('Done: Boiler leaking');
    expect(fieldReport(en, { vanStock: {} }, 10, 'Replaced the seal', rng, SHANGHAI).workDone).toBe(
      'Replaced the seal',
    );
  });

  it("writes it in the centre's language for a customer with none on file: English in London, Chinese in Shanghai", () => {
    const rng = new Random(5);
    expect(fieldReport(order, { vanStock: {} }, 10, undefined, rng, 'Europe/London').workDone).toBe(
      'Done: Boiler leaking',
    );
    expect(fieldReport(order, { vanStock: {} }, 10, undefined, rng, SHANGHAI).workDone).toBe('已完成：Boiler leaking');
  });

  it('is signed by a person: a business’s contact on site, someone of the household, the same one each visit', () => {
    const rng = new Random(6);
    const report = (customer: { id: string; name: string }, zone = SHANGHAI) =>
      fieldReport({ ...order, customer: { ...order.customer, ...customer } }, { vanStock: {} }, 10, 'ok', rng, zone);
    const shop = { id: 'cus-00007', name: '静安五金商行' };
    const signer = report(shop).signedBy;
    expect(signer).not.toBe(shop.name);
    // A name of the city's people, family name first.
    const family = AREAS.shanghai!.surnames.find((f) => signer.startsWith(f));
    expect(family).toBeDefined();
    expect(AREAS.shanghai!.givenNames).toContain(signer.slice(family!.length));
    expect(report(shop).signedBy).toBe(signer);
    // 王先生/女士's household: a 王 signs.
    expect(report({ id: 'cus-00008', name: '王先生/女士' }).signedBy).toMatch(/^王.+$/);
    expect(report({ id: 'cus-00009', name: 'Mr/Ms Taylor' }, 'Europe/London').signedBy).toMatch(/^\S+ Taylor$/);
    // A centre in no city the console knows: the customer's name, as before.
    expect(report(shop, 'America/New_York').signedBy).toBe(shop.name);
  });

  it('draws signatures the contract accepts, and leaves some unsigned', () => {
    const rng = new Random(9);
    for (let i = 0; i < 200; i++) expect(SignaturePath.safeParse(drawnSignature(rng)).success).toBe(true);
    const unsigned = Array.from({ length: 400 }, () =>
      fieldReport(order, { vanStock: {} }, 10, 'ok', rng, SHANGHAI),
    ).filter((r) => r.signature === null).length;
    expect(unsigned).toBeGreaterThan(10);
    expect(unsigned).toBeLessThan(90);
  });

  it('refuses path data that is not a plain path', () => {
    for (const bad of ['', 'L 1 2', 'M 1 2 <script>', 'M 1 2 url(x)', `M 1 2 ${'L 3 4 '.repeat(5_000)}`])
      expect(SignaturePath.safeParse(bad).success).toBe(false);
  });
});
