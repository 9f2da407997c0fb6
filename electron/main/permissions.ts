import type { Session } from 'electron';

/** The only permission the console asks for: notifications (an SLA breach, a rejected change). */
const ALLOWED = new Set(['notifications']);

/** Denies every permission request and check except notifications, and every device (USB, HID, serial) request. */
export function denyPermissions(session: Session, log: (message: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = ALLOWED.has(permission);
    if (!granted) log(`denied the permission ${permission}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED.has(permission));
  session.setDevicePermissionHandler(() => false);
}
