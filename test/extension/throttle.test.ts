import * as assert from 'node:assert/strict';
import { Throttle, type Timers } from '../../src/extension/throttle';

/** Manual clock: timers fire only on `tick`. */
class FakeClock implements Timers {
  now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers.delete(h as number);
  }
  tick(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
  }
  get pending(): number {
    return this.timers.size;
  }
}

describe('extension/throttle', () => {
  describe('Throttle', () => {
    it('runs the first request at once and the last of a burst once per interval', () => {
      const clock = new FakeClock();
      const t = new Throttle(() => 300, clock, () => clock.now);
      const runs: number[] = [];
      t.request(() => runs.push(1));
      assert.deepEqual(runs, [1]);
      clock.tick(50);
      t.request(() => runs.push(2));
      clock.tick(50);
      t.request(() => runs.push(3));
      assert.deepEqual(runs, [1]);
      clock.tick(199);
      assert.deepEqual(runs, [1]);
      clock.tick(1);
      assert.deepEqual(runs, [1, 3], 'last update wins');
      clock.tick(1000);
      t.request(() => runs.push(4));
      assert.deepEqual(runs, [1, 3, 4]);
    });

    it('dispose drops the pending run', () => {
      const clock = new FakeClock();
      const t = new Throttle(() => 300, clock, () => clock.now);
      const runs: number[] = [];
      t.request(() => runs.push(1));
      t.request(() => runs.push(2));
      t.dispose();
      clock.tick(1000);
      assert.deepEqual(runs, [1]);
    });
  });
});
