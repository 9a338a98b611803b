/**
 * Wire protocol of the two transports (the lead implements the main side in main/electron and main/web):
 * - Electron: the sandboxed preload exposes `window.budgetReview: { call(name, args): Promise<unknown>,
 *   on(name, listener): () => void }` via contextBridge (IPC channel 'api:call' / event channel 'api:event').
 *   Errors reject with an Error whose message is JSON {code, message}.
 * - Web host: POST /api/call/<name>, body = toWire(args), header `Authorization: Bearer <token>`;
 *   200 → toWire(result); 4xx/5xx → JSON {code, message}. Events: GET /api/events?token=<token> (Server-Sent
 *   Events, `event: <name>`, `data: toWire(payload)`). The token comes from the page URL `?token=…`.
 */
export const IPC_CALL = 'api:call';
export const IPC_EVENT = 'api:event';
export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS = '/api/events';

export interface PreloadBridge {
  call(name: string, args: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}
