import { describe, expect, it } from 'vitest';
import { withFallback, within } from './degrade.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('withFallback', () => {
  it('answers from the fallback while the primary fails, and from the primary again once it answers', async () => {
    let down = true;
    const primary = {
      async hit(key: string) {
        if (down) throw new Error('connection refused');
        return `primary:${key}`;
      },
    };
    const fallback = {
      async hit(key: string) {
        return `memory:${key}`;
      },
    };
    const warnings: string[] = [];
    const port = withFallback('Redis (test)', primary, fallback, {
      ...logger,
      warn: (m: string) => {
        warnings.push(m);
      },
    });
    expect(await port.hit('a')).toBe('memory:a');
    expect(await port.hit('b')).toBe('memory:b');
    expect(warnings).toHaveLength(1); // one warning per quiet period, not one per call
    down = false;
    expect(await port.hit('c')).toBe('primary:c');
  });
});

describe('within', () => {
  it('says false for a check that hangs or throws, and passes a quick answer through', async () => {
    const started = Date.now();
    expect(await within(50, () => new Promise<boolean>(() => {}))()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      await within(50, async () => {
        throw new Error('down');
      })(),
    ).toBe(false);
    expect(await within(50, async () => true)()).toBe(true);
  });
});
