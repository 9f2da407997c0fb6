import { MAX_BATCH_ACTIONS, MAX_CALL_BYTES } from '../../../shared/ipc/index.js';

/** What one part may weigh as JSON: the call's limit less room for the envelope and the label. */
export const PART_BYTES = MAX_CALL_BYTES - 16 * 1024;

/**
 * Splits a batch into parts each one call can carry: at most MAX_BATCH_ACTIONS actions and PART_BYTES of JSON
 * (measured in UTF-8, as the call is). A single action too big for a call goes alone, for the API to refuse by name.
 */
export function batchParts<T>(actions: readonly T[], maxBytes = PART_BYTES, maxCount = MAX_BATCH_ACTIONS): T[][] {
  const encoder = new TextEncoder();
  const parts: T[][] = [];
  let part: T[] = [];
  let bytes = 0;
  for (const action of actions) {
    // A comma between array items.
    const size = encoder.encode(JSON.stringify(action)).length + 1;
    if (part.length > 0 && (bytes + size > maxBytes || part.length >= maxCount)) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(action);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
