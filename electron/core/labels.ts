import type { ActionLabel, ActionLabelKey } from '../../shared/ipc/index.js';
import type { LocalState } from './cache/local-state.js';

type Args = Record<string, unknown>;

/** A label of the caller's own words (already in the language it was made in). */
export const textLabel = (text: string): ActionLabel => ({ key: 'text', values: { text: text.slice(0, 300) } });

const label = (key: ActionLabelKey, values: ActionLabel['values'] = {}): ActionLabel => ({ key, values });

/**
 * A dispatcher action for undo menus, the conflicts panel and the status bar, as data (key and values) that the
 * console words in its own language; `describeText` reads it in English for logs.
 */
export function describeAction(name: string, rawArgs: unknown, state: LocalState): ActionLabel {
  const args = (rawArgs && typeof rawArgs === 'object' ? rawArgs : {}) as Args;
  const code = (id: unknown) => (typeof id === 'string' ? (state.orders.get(id)?.code ?? id) : '?').slice(0, 300);
  const who = (id: unknown) => (typeof id === 'string' ? (state.engineers.get(id)?.name ?? id) : '?').slice(0, 300);
  // The engineer's name as it was, and their id: the console names them by it as it names them everywhere (told apart
  // from a namesake).
  const engineer = (id: unknown): ActionLabel['values'] =>
    typeof id === 'string' ? { engineer: who(id), engineerId: id.slice(0, 300) } : { engineer: who(id) };
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : null);
  switch (name) {
    case 'moveBooking': {
      // Same engineer, another time: named by the new time, not as a reassignment to the engineer it already has.
      const booking = typeof args.orderId === 'string' ? state.orders.get(args.orderId)?.booking : undefined;
      const start = args.start;
      if (booking && booking.engineerId === args.engineerId && typeof start === 'number' && start !== booking.start)
        return label('moveBookingTime', { order: code(args.orderId), start, from: booking.start });
      return label(name, { order: code(args.orderId), ...engineer(args.engineerId) });
    }
    case 'assignOrder':
      return label(name, { order: code(args.orderId), ...engineer(args.engineerId) });
    case 'unassignOrder':
    case 'pinBooking':
    case 'unpinBooking':
    case 'cancelOrder':
    case 'restoreOrder':
    case 'addNote':
    case 'updateOrder':
      return label(name, { order: code(args.orderId) });
    case 'setOrderStatus':
      return label(name, { order: code(args.orderId), status: String(args.status).slice(0, 40) });
    case 'createOrder': {
      const order = text(((args.order ?? {}) as Args).code);
      return order === null ? label('createAnOrder') : label(name, { order });
    }
    case 'applyPlan': {
      const n = Array.isArray(args.moves) ? args.moves.length : 0;
      const plan = text(args.label);
      return plan === null ? label(name, { n }) : label('applyNamedPlan', { plan, n });
    }
    case 'updateEngineer':
      return label(name, engineer(args.engineerId));
    case 'createEngineer': {
      const engineer = text(((args.engineer ?? {}) as Args).name);
      return engineer === null ? label('createAnEngineer') : label(name, { engineer });
    }
    case 'setEngineerState':
      return label(name, { ...engineer(args.engineerId), state: String(args.state).slice(0, 40) });
    case 'updateSlaPolicy':
      return label(name);
    case 'setAutopilot': {
      const team = text(args.team);
      const on = args.on === true ? 1 : 0;
      return team === null ? label('setAutopilotAll', { on }) : label(name, { on, team });
    }
    case 'raiseSlaAlert':
      return label(name, { kind: String(args.kind).slice(0, 40), order: code(args.orderId) });
    case 'acknowledgeSlaAlerts':
      return label(name, { n: Array.isArray(args.alerts) ? args.alerts.length : 0 });
    default:
      return label('other', { name: name.slice(0, 300) });
  }
}

/** A label in English, for logs and messages that are not shown to the dispatcher as such. */
export function describeText(l: ActionLabel): string {
  const v = (k: string) => String(l.values[k] ?? '');
  const n = Number(l.values.n ?? 0);
  switch (l.key) {
    case 'assignOrder':
      return `Assign ${v('order')} to ${v('engineer')}`;
    case 'moveBooking':
      return `Move ${v('order')} to ${v('engineer')}`;
    case 'moveBookingTime':
      return `Move ${v('order')} to ${new Date(Number(l.values.start)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    case 'unassignOrder':
      return `Unassign ${v('order')}`;
    case 'pinBooking':
      return `Pin ${v('order')}`;
    case 'unpinBooking':
      return `Unpin ${v('order')}`;
    case 'setOrderStatus':
      return `Set ${v('order')} to ${v('status').replace('_', ' ')}`;
    case 'cancelOrder':
      return `Cancel ${v('order')}`;
    case 'restoreOrder':
      return `Restore ${v('order')}`;
    case 'addNote':
      return `Note on ${v('order')}`;
    case 'updateOrder':
      return `Edit ${v('order')}`;
    case 'createOrder':
      return `Create ${v('order')}`;
    case 'createAnOrder':
      return 'Create order';
    case 'applyPlan':
      return `Apply plan (${n} move${n === 1 ? '' : 's'})`;
    case 'applyNamedPlan':
      return `${v('plan')} (${n} move${n === 1 ? '' : 's'})`;
    case 'updateEngineer':
      return `Edit ${v('engineer')}`;
    case 'createEngineer':
      return `Add ${v('engineer')}`;
    case 'createAnEngineer':
      return 'Add engineer';
    case 'setEngineerState':
      return `Set ${v('engineer')} ${v('state').replace('_', ' ')}`;
    case 'updateSlaPolicy':
      return 'Change the SLA policy';
    case 'setAutopilot':
      return `Autopilot ${l.values.on === 1 ? 'on' : 'off'} for ${v('team')}`;
    case 'setAutopilotAll':
      return `Autopilot ${l.values.on === 1 ? 'on' : 'off'} for a team`;
    case 'raiseSlaAlert':
      return `SLA ${v('kind')} on ${v('order')}`;
    case 'acknowledgeSlaAlerts':
      return `Dismiss ${n} SLA alert(s)`;
    case 'text':
      return v('text');
    case 'other':
      return v('name');
  }
}
