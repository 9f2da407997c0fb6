// The services under the features: the one way down to core (the actions over the gateway) and the view types.
export { ConsoleActions, type ConflictQuestion } from './actions.js';
export { consoleGateway } from './api-gateway.js';
export { ActionsContext, useActions } from './context.js';
export type { ConsoleGateway } from './gateway.js';
export type * from './views.js';
