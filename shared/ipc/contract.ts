import type { z } from 'zod';
import type { EventMap, Handlers, MethodMap } from './define.js';
import { APP_METHODS } from './features/app.js';
import { CONSOLE_EVENTS, CONSOLE_METHODS } from './features/console.js';
import { DISPATCH_EVENTS, DISPATCH_METHODS } from './features/dispatch.js';
import { PRINT_METHODS } from './features/print.js';
import { SETTINGS_EVENTS, SETTINGS_METHODS } from './features/settings.js';

/**
 * Every method of the console's API, merged once from the per-feature maps. Adding a method is one entry in a
 * feature's map plus one handler in core.
 */
export const API_METHODS = {
  ...APP_METHODS,
  ...SETTINGS_METHODS,
  ...CONSOLE_METHODS,
  ...DISPATCH_METHODS,
  ...PRINT_METHODS,
} satisfies MethodMap;

/** Every event core pushes to subscribers. */
export const API_EVENTS = {
  ...SETTINGS_EVENTS,
  ...CONSOLE_EVENTS,
  ...DISPATCH_EVENTS,
} satisfies EventMap;

export type ApiMethods = typeof API_METHODS;
export type ApiEvents = typeof API_EVENTS;
export type MethodName = keyof ApiMethods & string;
export type EventName = keyof ApiEvents & string;
/** What a caller passes (defaults not yet applied). */
export type MethodArgs<N extends MethodName> = z.input<ApiMethods[N]['args']>;
/** What a caller gets back. */
export type MethodResult<N extends MethodName> = z.output<ApiMethods[N]['result']>;
export type EventPayload<E extends EventName> = z.output<ApiEvents[E]>;
/** Core's side: a handler for every method. */
export type ApiHandlers = Handlers<ApiMethods>;

/** The args parameter of `call`: optional when the method takes none. */
export type ArgsParam<N extends MethodName> =
  undefined extends MethodArgs<N> ? [args?: MethodArgs<N>] : [args: MethodArgs<N>];

/** Whether a name is a method of the contract (own keys only: `constructor` or `__proto__` never are). */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(API_METHODS, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(API_EVENTS, name);
}
