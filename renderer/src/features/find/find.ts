import type { OrderView } from '../../services/index.js';

/**
 * Orders matching what a dispatcher typed (a caller reads out their reference, or names the customer or street):
 * an exact code first, then codes starting with it, then customer, phone and address matches; open work before
 * closed within each group, at most `limit`.
 */
export function findOrders(orders: Iterable<OrderView>, query: string, limit = 8): OrderView[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const digits = q.replace(/\D/g, '');
  const ranked: Array<{ o: OrderView; rank: number }> = [];
  for (const o of orders) {
    const code = o.code.toLowerCase();
    let rank: number;
    if (code === q) rank = 0;
    else if (code.startsWith(q)) rank = 1;
    else if (code.includes(q)) rank = 2;
    else if (o.customer.name.toLowerCase().includes(q)) rank = 3;
    else if (digits.length >= 4 && o.customer.phone.replace(/\D/g, '').includes(digits)) rank = 3;
    else if (o.site.address.toLowerCase().includes(q)) rank = 4;
    else continue;
    if (o.status === 'completed' || o.status === 'cancelled') rank += 0.5;
    ranked.push({ o, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.o.code.localeCompare(b.o.code));
  return ranked.slice(0, limit).map((r) => r.o);
}
