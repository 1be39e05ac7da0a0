import * as assert from 'node:assert/strict';
import { Debouncer, Throttle, type Timers, VersionGuard } from '../../src/extension/scheduler';

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

describe('extension/scheduler', () => {
  describe('Debouncer', () => {
    it('runs once, delayMs after the last schedule, per key', () => {
      const clock = new FakeClock();
      const d = new Debouncer<string>(clock);
      const runs: string[] = [];
      d.schedule('a', 300, () => runs.push('a1'));
      clock.tick(200);
      d.schedule('a', 300, () => runs.push('a2'));
      d.schedule('b', 300, () => runs.push('b'));
      clock.tick(299);
      assert.deepEqual(runs, []);
      clock.tick(1);
      assert.deepEqual(runs.sort(), ['a2', 'b']);
      assert.equal(d.isPending('a'), false);
    });

    it('cancel and dispose drop pending runs', () => {
      const clock = new FakeClock();
      const d = new Debouncer<string>(clock);
      const runs: string[] = [];
      d.schedule('a', 10, () => runs.push('a'));
      d.schedule('b', 10, () => runs.push('b'));
      d.cancel('a');
      assert.equal(d.isPending('a'), false);
      assert.equal(d.isPending('b'), true);
      d.dispose();
      clock.tick(100);
      assert.deepEqual(runs, []);
      assert.equal(clock.pending, 0);
    });
  });

  describe('VersionGuard', () => {
    it('accepts the newest run at the version it read', () => {
      const g = new VersionGuard<string>();
      const t = g.begin('doc', 3);
      assert.equal(g.isCurrent(t, 3), true);
    });

    it('drops a result whose document version moved on', () => {
      const g = new VersionGuard<string>();
      const t = g.begin('doc', 3);
      assert.equal(g.isCurrent(t, 4), false);
    });

    it('drops an older run that finishes after a newer one started', () => {
      const g = new VersionGuard<string>();
      const old = g.begin('doc', 3);
      const fresh = g.begin('doc', 3);
      assert.equal(g.isCurrent(old, 3), false);
      assert.equal(g.isCurrent(fresh, 3), true);
    });

    it('keeps keys apart, and forgets closed documents', () => {
      const g = new VersionGuard<string>();
      const a = g.begin('a', 1);
      const b = g.begin('b', 1);
      assert.equal(g.isCurrent(a, 1), true);
      g.forget('b');
      assert.equal(g.isCurrent(b, 1), false);
      assert.equal(g.isCurrent(a, undefined), false, 'a closed document is never current');
      g.forgetAll();
      assert.equal(g.isCurrent(a, 1), false);
    });
  });

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
