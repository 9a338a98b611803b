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
  const waiting: (Job & { seq: number; resolve(): void; reject(e: unknown): void })[] = [];
  let active = 0;
  let seq = 0;

  const pump = () => {
    while (active < concurrency && waiting.length > 0) {
      waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      const job = waiting.shift()!;
      active++;
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          active--;
          pump();
        });
    }
  };

  return {
    /** Resolves when the job has run; `cancel` drops it if it is still waiting. */
    schedule(job: Job): { done: Promise<void>; cancel(): void } {
      let entry!: (typeof waiting)[number];
      const done = new Promise<void>((resolve, reject) => {
        entry = { ...job, seq: seq++, resolve, reject };
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
