// shared/ runs in every process, so its typecheck (shared/tsconfig.json, "types": [] and no DOM library) must see
// neither Node's globals nor the DOM's. A package whose types reference Node (undici's do) would switch Node's on for
// all of shared/: then the expected errors below stop happening and the typecheck fails here. The other runtimes'
// tsconfigs leave this file out, as their globals are meant to be there.

// @ts-expect-error Node's globals are not part of shared/
export type NoNodeProcess = typeof process;
// @ts-expect-error Node's globals are not part of shared/
export type NoNodeBuffer = Buffer;
// @ts-expect-error the DOM is not part of shared/
export type NoDom = typeof document;
