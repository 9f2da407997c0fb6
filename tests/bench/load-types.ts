export type {
  ClientToServerEvents,
  MutationEnvelope,
  PullResult,
  PushResult,
  Reply,
  ServerToClientEvents,
} from '../../shared/sync/index.js';
