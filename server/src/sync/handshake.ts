import type { ExtendedError } from 'socket.io';
import type { ProtocolError } from '../../../shared/sync/index.js';
import { Handshake, PROTOCOL_VERSION, SCHEMA_VERSION, describeIssues } from '../../../shared/sync/index.js';
import { verifyToken } from '../auth/tokens.js';
import type { SyncStore } from '../store/types.js';
import type { ConsoleSocket } from './requests.js';

function refusal(code: ProtocolError['code'], message: string): Error & { data: ProtocolError } {
  return Object.assign(new Error(message), { data: { code, message } });
}

export interface HandshakeOptions {
  store: SyncStore;
  /** Secret that signs sign-in tokens. */
  secret: string;
  now: () => number;
  log: (message: string, err?: unknown) => void;
}

/**
 * The handshake's checks, as Socket.IO middleware: the payload's schema, the protocol and schema versions, the token,
 * the account, and the console's binding to its user. A connection that passes carries its user and principal.
 */
export function checkHandshake(o: HandshakeOptions) {
  return async (socket: ConsoleSocket, next: (err?: ExtendedError) => void): Promise<void> => {
    try {
      const hs = Handshake.safeParse(socket.handshake.auth);
      if (!hs.success) return next(refusal('bad_request', `handshake: ${describeIssues(hs.error)}`));
      const { token, clientId, protocolVersion, schemaVersion } = hs.data;
      if (protocolVersion !== PROTOCOL_VERSION || schemaVersion !== SCHEMA_VERSION)
        return next(
          refusal(
            'update_required',
            `this console speaks protocol ${protocolVersion}/schema ${schemaVersion}, the server ${PROTOCOL_VERSION}/${SCHEMA_VERSION}: ` +
              'update the console; your unsynced work is kept and will be sent after the update',
          ),
        );
      const check = verifyToken(o.secret, token, o.now());
      if (!check.ok) return next(refusal(check.code, check.message));
      const user = await o.store.user(check.claims.sub);
      if (!user || user.disabled) return next(refusal('unauthorized', 'this account is unknown or disabled'));
      if (clientId.length > 40) return next(refusal('bad_request', 'handshake.clientId: at most 40 characters'));
      const bound = await o.store.bindClient(clientId, user.id, o.now());
      if (!bound)
        return next(refusal('client_mismatch', 'this console was registered to another user; sign in on it again'));
      socket.data = {
        user,
        principal: {
          kind: user.role === 'device' ? 'device' : 'user',
          id: user.id,
          name: user.name,
          role: user.role,
          engineerId: user.engineerId,
        },
        clientId,
        expiresAt: check.claims.exp * 1000,
        watching: [],
      };
      next();
    } catch (err) {
      o.log('handshake failed', err);
      next(refusal('unavailable', 'the server could not check this connection; try again'));
    }
  };
}
