/**
 * Page renders take turns: pdf.js's single worker would otherwise split its time between every page mounted at
 * once, and the page the reviewer is looking at would arrive last. Lower priority numbers go first (0 = in view,
 * 1 = just outside); a cancelled job that has not started never runs.
 */
export interface Job {
  priority: number;
  run(): Promise<void>;
}

export function createRenderQueue(concurrency = 1) {
  type Entry = Job & { seq: number; resolve(): void; reject(e: unknown): void; released: boolean };
  const waiting: Entry[] = [];
  let active = 0;
  let seq = 0;

  const release = (e: Entry) => {
    if (e.released) return;
    e.released = true;
    active--;
    pump();
  };

  const pump = () => {
    while (active < concurrency && waiting.length > 0) {
      waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      const job = waiting.shift()!;
      active++;
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => release(job));
    }
  };

  return {
    /**
     * Resolves when the job has run. `cancel` drops a waiting job; a running one gives up its turn at once (a
     * render of a document being closed may never settle, and must not hold up the next document's pages).
     */
    schedule(job: Job): { done: Promise<void>; cancel(): void } {
      let entry!: Entry;
      const done = new Promise<void>((resolve, reject) => {
        entry = { ...job, seq: seq++, resolve, reject, released: false };
      });
      waiting.push(entry);
      queueMicrotask(pump);
      return {
        done,
        cancel: () => {
          const i = waiting.indexOf(entry);
          if (i >= 0) {
            waiting.splice(i, 1);
            entry.resolve();
          } else {
            release(entry);
            entry.resolve();
          }
        },
      };
    },
    get pending() {
      return waiting.length + active;
    },
  };
}

export const pageRenderQueue = createRenderQueue(1);
