import type { LocalState } from './cache/local-state.js';

type Args = Record<string, unknown>;

/** A one-line description of a dispatcher action for undo menus and the conflicts panel. */
export function describeAction(name: string, rawArgs: unknown, state: LocalState): string {
  const args = (rawArgs && typeof rawArgs === 'object' ? rawArgs : {}) as Args;
  const code = (id: unknown) => (typeof id === 'string' ? (state.orders.get(id)?.code ?? id) : '?');
  const who = (id: unknown) => (typeof id === 'string' ? (state.engineers.get(id)?.name ?? id) : '?');
  switch (name) {
    case 'assignOrder':
      return `Assign ${code(args.orderId)} to ${who(args.engineerId)}`;
    case 'moveBooking':
      return `Move ${code(args.orderId)} to ${who(args.engineerId)}`;
    case 'unassignOrder':
      return `Unassign ${code(args.orderId)}`;
    case 'pinBooking':
      return `Pin ${code(args.orderId)}`;
    case 'unpinBooking':
      return `Unpin ${code(args.orderId)}`;
    case 'setOrderStatus':
      return `Set ${code(args.orderId)} to ${String(args.status).replace('_', ' ')}`;
    case 'cancelOrder':
      return `Cancel ${code(args.orderId)}`;
    case 'addNote':
      return `Note on ${code(args.orderId)}`;
    case 'updateOrder':
      return `Edit ${code(args.orderId)}`;
    case 'createOrder': {
      const order = (args.order ?? {}) as Args;
      return `Create ${typeof order.code === 'string' ? order.code : 'order'}`;
    }
    case 'applyPlan': {
      const n = Array.isArray(args.moves) ? args.moves.length : 0;
      return `${typeof args.label === 'string' ? args.label : 'Apply plan'} (${n} move${n === 1 ? '' : 's'})`;
    }
    case 'updateEngineer':
      return `Edit ${who(args.engineerId)}`;
    case 'createEngineer': {
      const engineer = (args.engineer ?? {}) as Args;
      return `Add ${typeof engineer.name === 'string' ? engineer.name : 'engineer'}`;
    }
    case 'setEngineerState':
      return `Set ${who(args.engineerId)} ${String(args.state).replace('_', ' ')}`;
    case 'updateSlaPolicy':
      return 'Change the SLA policy';
    case 'setAutopilot':
      return `Autopilot ${args.on === true ? 'on' : 'off'} for ${typeof args.team === 'string' ? args.team : 'a team'}`;
    case 'raiseSlaAlert':
      return `SLA ${String(args.kind)} on ${code(args.orderId)}`;
    case 'acknowledgeSlaAlerts':
      return `Dismiss ${Array.isArray(args.alerts) ? args.alerts.length : 0} SLA alert(s)`;
    default:
      return name;
  }
}
