/**
 * The in-thread channel between pdfjs's display side and its worker side (in Node both run in this thread).
 * pdfjs's own LoopbackPort structured-clones every message; for the chunks of a page's text and operator list that
 * was ~1.2 s of reading the 194-page corpus document. Those chunks are copied shallowly here instead — their
 * envelope, and the arrays pdfjs empties after sending (OperatorList.flush sets fnArray/argsArray length to 0;
 * the text evaluator replaces items and styles on the object it sent) — the items themselves are not touched again
 * by the sender. Every other message is still structured-cloned. Delivery stays asynchronous, like LoopbackPort.
 */
const STREAM_ENQUEUE = 4; // pdfjs StreamKind.ENQUEUE

interface Envelope {
  stream?: number;
  chunk?: { fnArray?: unknown[]; argsArray?: unknown[] } & Record<string, unknown>;
}

type Listener = (event: { data: unknown }) => void;

export class InThreadPort {
  #listeners: Listener[] = [];
  #deferred = Promise.resolve();

  postMessage(message: unknown, transfer?: NonNullable<Parameters<typeof structuredClone>[1]>['transfer']): void {
    const env = message as Envelope | null;
    let data: unknown;
    if (env && env.stream === STREAM_ENQUEUE && env.chunk && typeof env.chunk === 'object') {
      const c = env.chunk;
      const chunk = Array.isArray(c.fnArray)
        ? {
            ...c,
            fnArray: c.fnArray.slice(),
            argsArray: Array.isArray(c.argsArray) ? c.argsArray.slice() : c.argsArray,
          }
        : { ...c };
      data = { ...env, chunk };
    } else {
      // Shared memory is shared, not moved: it is left out of the transfer list (structuredClone refuses it there).
      const moved = transfer?.filter((t) => !(t instanceof SharedArrayBuffer));
      data = structuredClone(message, moved?.length ? { transfer: moved } : undefined);
    }
    const event = { data };
    void this.#deferred.then(() => {
      for (const listener of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(_type: string, listener: Listener): void {
    this.#listeners.push(listener);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners = this.#listeners.filter((l) => l !== listener);
  }

  terminate(): void {
    this.#listeners = [];
  }
}
