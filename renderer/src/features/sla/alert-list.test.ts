import { describe, expect, it } from 'vitest';
import type { SlaAlertView } from '../../services/index.js';
import { groupAlerts } from './alert-list.js';

const alert = (orderId: string, deadline: 'respond' | 'resolve', detectedAt: number): SlaAlertView => ({
  id: `${orderId}:${deadline}`,
  orderId,
  code: `WO-${orderId}`,
  customer: 'Lujiazui Tower',
  priority: 'P1',
  deadline,
  dueAt: detectedAt - 60_000,
  detectedAt,
});

describe('the SLA alert list', () => {
  it('groups alerts by order, the order escalated last first, each with its newest alert on top', () => {
    const groups = groupAlerts([
      alert('1', 'respond', 1_000),
      alert('2', 'respond', 2_000),
      alert('1', 'resolve', 3_000),
      alert('3', 'respond', 2_500),
    ]);
    expect(groups.map((g) => g.orderId)).toEqual(['1', '3', '2']);
    expect(groups[0]!.latest.deadline).toBe('resolve');
    expect(groups[0]!.ids).toEqual(['1:resolve', '1:respond']);
  });

  it('keeps the list order for alerts detected at the same instant: the later one is newer', () => {
    expect(groupAlerts([alert('1', 'respond', 5), alert('2', 'respond', 5)]).map((g) => g.orderId)).toEqual(['2', '1']);
  });
});
