import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract';
import { toWire } from '../../shared/api/wire';
import { createClient, httpTransport, takeToken, type EventSourceLike, type Transport } from './client';
import { httpError, toApiError } from './errors';

const DOC = { docId: 'a'.repeat(64), name: 'x.pdf', size: 10, pages: 2 };

function fakeFetch(status: number, body: string, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(body, { status });
  }) as unknown as typeof fetch;
}

function noEvents(): EventSourceLike {
  return { readyState: 0, onerror: null, onopen: null, addEventListener: () => undefined, close: () => undefined };
}

describe('API client error mapping', () => {
  it('reads the {code, message} JSON inside an Electron invoke rejection', () => {
    const e = toApiError(
      new Error(`Error invoking remote method 'api:call': Error: {"code":"not_pdf","message":"nope"}`),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect([e.code, e.message]).toEqual(['not_pdf', 'nope']);
  });

  it('turns unknown failures into a generic code, keeping the text', () => {
    expect(toApiError(new Error('boom {not json')).code).toBe('failed');
    expect(toApiError(new TypeError('Failed to fetch')).code).toBe('network');
  });

  it('maps HTTP errors with and without a JSON body', () => {
    expect(httpError(422, '{"code":"encrypted","message":"locked"}').code).toBe('encrypted');
    expect(httpError(401, '').code).toBe('unauthorized');
    expect(httpError(502, 'Bad gateway').message).toBe('Bad gateway');
  });
});

describe('typed client', () => {
  it('sends bytes in wire form with the bearer token and validates the result', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const api = createClient(
      httpTransport({
        baseUrl: 'http://h',
        token: 't0k',
        fetch: fakeFetch(200, toWire(DOC), seen),
        openEvents: noEvents,
      }),
    );
    const info = await api.call('document.openBytes', { name: 'x.pdf', bytes: new Uint8Array([37, 80, 68, 70]) });
    expect(info).toEqual(DOC);
    expect(seen.url).toBe('http://h/api/call/document.openBytes');
    expect((seen.init!.headers as Record<string, string>).authorization).toBe('Bearer t0k');
    expect(JSON.parse(String(seen.init!.body))).toEqual({ name: 'x.pdf', bytes: { $bytes: 'JVBERg==' } });
  });

  it('decodes bytes results', async () => {
    const api = createClient(
      httpTransport({
        baseUrl: '',
        token: 't',
        fetch: fakeFetch(200, toWire(new Uint8Array([1, 2, 3]))),
        openEvents: noEvents,
      }),
    );
    expect(Array.from(await api.call('document.bytes', { docId: DOC.docId }))).toEqual([1, 2, 3]);
  });

  it('rejects a result that breaks the contract', async () => {
    const api = createClient(
      httpTransport({ baseUrl: '', token: 't', fetch: fakeFetch(200, '{"docId":"short"}'), openEvents: noEvents }),
    );
    await expect(api.call('document.openSample', {})).rejects.toMatchObject({ code: 'bad_result' });
  });

  it('surfaces the host error code', async () => {
    const api = createClient(
      httpTransport({
        baseUrl: '',
        token: 't',
        fetch: fakeFetch(422, '{"code":"not_pdf","message":"x"}'),
        openEvents: noEvents,
      }),
    );
    await expect(api.call('document.openSample', {})).rejects.toMatchObject({ code: 'not_pdf' });
  });

  it('maps a failed fetch to a network error', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const api = createClient(httpTransport({ baseUrl: '', token: 't', fetch: failing, openEvents: noEvents }));
    await expect(api.call('app.info', {})).rejects.toMatchObject({ code: 'network' });
  });

  it('drops events that do not match the contract and delivers the rest', () => {
    const handlers: Record<string, (p: unknown) => void> = {};
    const transport: Transport = {
      call: async () => null,
      on: (name, l) => {
        handlers[name] = l;
        return () => undefined;
      },
    };
    const got: unknown[] = [];
    createClient(transport).on('extraction.progress', (p) => got.push(p));
    handlers['extraction.progress']!({ docId: 'd', stage: 'bogus', done: 1, total: 2 });
    handlers['extraction.progress']!({ docId: 'd', stage: 'reading', done: 1, total: 2 });
    expect(got).toEqual([{ docId: 'd', stage: 'reading', done: 1, total: 2 }]);
  });
});

describe('event stream', () => {
  function fakeSource() {
    const made: (EventSourceLike & { url: string; fire(type: string, data: string): void; state: number })[] = [];
    const open = (url: string) => {
      const ls = new Map<string, ((ev: { data: string }) => void)[]>();
      const s = {
        url,
        state: 0,
        get readyState() {
          return s.state;
        },
        onerror: null as ((ev: Event) => void) | null,
        onopen: null as ((ev: Event) => void) | null,
        addEventListener: (t: string, l: (ev: { data: string }) => void) => ls.set(t, [...(ls.get(t) ?? []), l]),
        close: () => undefined,
        fire: (t: string, data: string) => ls.get(t)?.forEach((l) => l({ data })),
      };
      made.push(s);
      return s;
    };
    return { made, open };
  }

  it('delivers decoded events and re-opens the stream after it closes for good', () => {
    const { made, open } = fakeSource();
    const timers: (() => void)[] = [];
    const t = httpTransport({
      baseUrl: '',
      token: 'a b',
      fetch: fakeFetch(200, '{}'),
      openEvents: open,
      setTimer: (fn) => timers.push(fn),
    });
    const got: unknown[] = [];
    t.on('document.opened', (p) => got.push(p));
    expect(made[0]!.url).toBe('/api/events?token=a%20b');
    made[0]!.fire('document.opened', toWire(DOC));
    expect(got).toEqual([DOC]);

    made[0]!.state = 0; // EventSource is reconnecting by itself: nothing to do
    made[0]!.onerror!(new Event('error'));
    expect(timers).toHaveLength(0);
    made[0]!.state = 2; // closed for good
    made[0]!.onerror!(new Event('error'));
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(made).toHaveLength(2);
    made[1]!.fire('document.opened', toWire(DOC));
    expect(got).toHaveLength(2);
  });
});

describe('token', () => {
  it('takes the token from the URL, keeps it and cleans the address', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    let replaced = '';
    expect(takeToken({ search: '?token=abc&x=1', pathname: '/', hash: '' }, storage, (u) => (replaced = u))).toBe(
      'abc',
    );
    expect(replaced).toBe('/?x=1');
    expect(takeToken({ search: '', pathname: '/', hash: '' }, storage)).toBe('abc');
  });
});
