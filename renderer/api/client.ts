import {
  ApiError,
  calls,
  events,
  type Api,
  type CallArgs,
  type CallName,
  type CallResult,
  type EventName,
  type EventPayload,
} from '../../shared/api/contract';
import { fromWire, toWire } from '../../shared/api/wire';
import { HTTP_CALL_PREFIX, HTTP_EVENTS, type PreloadBridge } from '../../shared/api/transport';
import { httpError, toApiError } from './errors';

/** What carries calls and events; the client adds validation and error mapping on top, identically for both. */
export interface Transport {
  call(name: string, args: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

/** Wraps a transport into the typed Api: results and events are checked against the contract before anyone sees them. */
export function createClient(transport: Transport): Api {
  return {
    async call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
      let raw: unknown;
      try {
        raw = await transport.call(name, args);
      } catch (err) {
        throw toApiError(err);
      }
      const checked = calls[name].result.safeParse(raw);
      if (!checked.success) {
        throw new ApiError(
          'bad_result',
          `${name}: unexpected answer (${checked.error.issues[0]?.message ?? 'invalid'})`,
        );
      }
      return checked.data as CallResult<K>;
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
      return transport.on(name, (payload) => {
        const checked = events[name].safeParse(payload);
        if (checked.success) listener(checked.data as EventPayload<K>);
      });
    },
  };
}

export function bridgeTransport(bridge: PreloadBridge): Transport {
  return { call: (name, args) => bridge.call(name, args), on: (name, listener) => bridge.on(name, listener) };
}

/** The subset of EventSource the HTTP transport uses (so tests can drive it). */
export interface EventSourceLike {
  readonly readyState: number;
  onerror: ((ev: Event) => void) | null;
  onopen: ((ev: Event) => void) | null;
  addEventListener(type: string, listener: (ev: { data: string }) => void): void;
  close(): void;
}

export interface HttpTransportOptions {
  /** Origin + path prefix of the host, e.g. "http://127.0.0.1:4000" ("" = same origin). */
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  openEvents: (url: string) => EventSourceLike;
  /** Delay before re-opening a closed event stream; grows to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

const CLOSED = 2;

/**
 * The web host's transport: POST per call with the bearer token, one Server-Sent Events stream for all events.
 * EventSource retries by itself after a dropped connection, but gives up for good on an HTTP error (the host
 * restarted, a proxy hiccup); then the stream is re-opened here with a growing delay.
 */
export function httpTransport(opts: HttpTransportOptions): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const wired = new Set<string>();
  let source: EventSourceLike | null = null;
  let retry = opts.retryMs ?? 1000;
  const maxRetry = opts.maxRetryMs ?? 15_000;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));

  const wire = (src: EventSourceLike, name: string) => {
    src.addEventListener(name, (ev) => {
      let payload: unknown;
      try {
        payload = fromWire(ev.data);
      } catch {
        return;
      }
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  };

  const open = () => {
    const src = opts.openEvents(`${opts.baseUrl}${HTTP_EVENTS}?token=${encodeURIComponent(opts.token)}`);
    source = src;
    wired.clear();
    for (const name of listeners.keys()) {
      wire(src, name);
      wired.add(name);
    }
    src.onopen = () => {
      retry = opts.retryMs ?? 1000;
    };
    src.onerror = () => {
      if (src.readyState !== CLOSED || source !== src) return;
      source = null;
      const wait = retry;
      retry = Math.min(retry * 2, maxRetry);
      setTimer(() => {
        if (!source && listeners.size > 0) open();
      }, wait);
    };
  };

  return {
    async call(name, args) {
      let res: Response;
      try {
        res = await opts.fetch(`${opts.baseUrl}${HTTP_CALL_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
          body: toWire(args ?? {}),
        });
      } catch (err) {
        throw new ApiError('network', err instanceof Error ? err.message : String(err));
      }
      const text = await res.text();
      if (!res.ok) throw httpError(res.status, text);
      try {
        return fromWire(text);
      } catch {
        throw new ApiError('bad_result', `${name}: the answer is not JSON`);
      }
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      if (!source) open();
      else if (!wired.has(name)) {
        wire(source, name);
        wired.add(name);
      }
      return () => {
        set.delete(listener);
      };
    },
  };
}

const TOKEN_KEY = 'budgetReview.token';

/**
 * The token arrives once in the page URL (`?token=…`); it is kept for the tab's lifetime in sessionStorage and
 * removed from the address bar so it does not end up in screenshots, bookmarks or the history.
 */
export function takeToken(
  loc: { search: string; pathname: string; hash: string },
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  replaceUrl?: (url: string) => void,
): string {
  const fromUrl = new URLSearchParams(loc.search).get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    const rest = new URLSearchParams(loc.search);
    rest.delete('token');
    const q = rest.toString();
    replaceUrl?.(`${loc.pathname}${q ? `?${q}` : ''}${loc.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

declare global {
  interface Window {
    budgetReview?: PreloadBridge;
  }
}

/** The Api for this window: the preload bridge inside Electron, the HTTP host in a browser. */
export function createApi(): Api {
  if (window.budgetReview) return createClient(bridgeTransport(window.budgetReview));
  const token = takeToken(window.location, window.sessionStorage, (url) => window.history.replaceState(null, '', url));
  return createClient(
    httpTransport({
      baseUrl: '',
      token,
      fetch: (input, init) => window.fetch(input, init),
      openEvents: (url) => new EventSource(url),
    }),
  );
}
