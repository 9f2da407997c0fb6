import type { Engineer } from '../../../shared/domain/index.js';
import type { User } from '../store/types.js';
import { signToken } from './tokens.js';

/** The people of the demo control centre, plus one device per engineer. */
export function demoUsers(engineers: readonly Engineer[]): User[] {
  const people: User[] = [
    { id: 'dispatcher-1', name: '周敏 Zhou Min', role: 'dispatcher', engineerId: null, disabled: false },
    { id: 'dispatcher-2', name: '李娜 Li Na', role: 'dispatcher', engineerId: null, disabled: false },
    { id: 'dispatcher-3', name: '王强 Wang Qiang', role: 'dispatcher', engineerId: null, disabled: false },
    { id: 'supervisor', name: '陈杰 Chen Jie', role: 'supervisor', engineerId: null, disabled: false },
    { id: 'viewer', name: 'Wall display', role: 'viewer', engineerId: null, disabled: false },
    { id: 'intake', name: 'Call intake', role: 'dispatcher', engineerId: null, disabled: false },
    // The dispatcher that is not a person: its bookings are audited under its own name.
    { id: 'autopilot', name: 'Autopilot', role: 'dispatcher', engineerId: null, disabled: false },
  ];
  return [
    ...people,
    ...engineers.map((e) => ({
      id: deviceUserId(e.id),
      name: e.name,
      role: 'device' as const,
      engineerId: e.id,
      disabled: false,
    })),
  ];
}

/** The user id of an engineer's device. */
export function deviceUserId(engineerId: string): string {
  return `dev-${engineerId}`;
}

/** A ready token for a user. */
export function tokenFor(secret: string, user: User, ttlSeconds: number, now = Date.now()): string {
  return signToken(
    secret,
    { sub: user.id, name: user.name, role: user.role, ...(user.engineerId ? { eng: user.engineerId } : {}) },
    ttlSeconds,
    now,
  );
}
