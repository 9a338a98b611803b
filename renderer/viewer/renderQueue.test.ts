import { describe, expect, it } from 'vitest';
import { createRenderQueue } from './renderQueue';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('render queue', () => {
  it('runs one job at a time, pages in view first', async () => {
    const q = createRenderQueue(1);
    const order: string[] = [];
    let release!: () => void;
    const first = q.schedule({
      priority: 1,
      run: () => new Promise<void>((r) => (order.push('near-1'), (release = r))),
    });
    await tick();
    q.schedule({ priority: 1, run: async () => void order.push('near-2') });
    const visible = q.schedule({ priority: 0, run: async () => void order.push('visible') });
    await tick();
    expect(order).toEqual(['near-1']); // nothing else starts while one render runs
    release();
    await first.done;
    await visible.done;
    await tick();
    expect(order).toEqual(['near-1', 'visible', 'near-2']);
  });

  it('a cancelled job that has not started never runs', async () => {
    const q = createRenderQueue(1);
    const order: string[] = [];
    let release!: () => void;
    q.schedule({ priority: 0, run: () => new Promise<void>((r) => (release = r)) });
    const dropped = q.schedule({ priority: 0, run: async () => void order.push('dropped') });
    dropped.cancel();
    await tick();
    release();
    await dropped.done;
    await tick();
    expect(order).toEqual([]);
    expect(q.pending).toBe(0);
  });

  it('a running job that is cancelled gives up its turn even if it never settles', async () => {
    const q = createRenderQueue(1);
    const order: string[] = [];
    const stuck = q.schedule({ priority: 0, run: () => new Promise<void>(() => undefined) });
    const next = q.schedule({ priority: 0, run: async () => void order.push('next') });
    await tick();
    expect(order).toEqual([]);
    stuck.cancel();
    await next.done;
    expect(order).toEqual(['next']);
  });
});
