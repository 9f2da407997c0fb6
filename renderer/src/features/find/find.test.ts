import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../../shared/scenario/index.js';
import type { OrderView } from '../../services/index.js';
import { findOrders } from './find.js';

const city = generateScenario({ seed: 5, engineers: 20, orders: 200 });
const orders: OrderView[] = city.orders.map((o) => ({ ...o, pending: false }));

describe('finding an order', () => {
  it('puts the exact code first, then codes that start with what was typed', () => {
    const target = orders[17]!;
    const found = findOrders(orders, target.code.toLowerCase());
    expect(found[0]!.id).toBe(target.id);
    const prefix = target.code.slice(0, -1);
    const byPrefix = findOrders(orders, prefix, 50);
    expect(byPrefix.length).toBeGreaterThan(1);
    expect(byPrefix.every((o) => o.code.startsWith(prefix))).toBe(true);
  });

  it('finds by customer name and by phone digits whatever the spacing', () => {
    const target = orders[42]!;
    expect(findOrders(orders, target.customer.name, 50).map((o) => o.id)).toContain(target.id);
    const digits = target.customer.phone.replace(/\D/g, '');
    const spaced = digits.replace(/(\d{3})(?=\d)/g, '$1 ');
    expect(findOrders(orders, spaced, 50).map((o) => o.id)).toContain(target.id);
  });

  it('ranks closed work after open work of the same match, and ignores one-letter queries', () => {
    const open = { ...orders[3]!, id: 'o-open', code: 'WO-TWIN-1', status: 'new' as const };
    const closed = { ...orders[4]!, id: 'o-closed', code: 'WO-TWIN-2', status: 'completed' as const };
    expect(findOrders([closed, open], 'wo-twin').map((o) => o.id)).toEqual(['o-open', 'o-closed']);
    expect(findOrders(orders, 'w')).toEqual([]);
  });

  it('returns at most the limit', () => {
    expect(findOrders(orders, 'wo', 5)).toHaveLength(5);
  });
});
