/**
 * The contract suites run under any test runner that has describe/it (vitest, jest, mocha, node:test):
 * the adapter's spec passes its runner's functions in, so the core needs no test dependency.
 */
export interface TestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

export interface Fixture<P> {
  port: P;
  teardown(): Promise<void>;
}

/** Builds a fresh, isolated instance of the port (new database, key prefix, bucket...). */
export type FixtureFactory<P> = () => Promise<Fixture<P>>;

/** Defines one test that gets its own fresh port and always tears it down. */
export function testWith<P>(t: TestApi, factory: FixtureFactory<P>) {
  return (name: string, body: (port: P) => Promise<void>, timeoutMs?: number): void => {
    t.it(
      name,
      async () => {
        const { port, teardown } = await factory();
        try {
          await body(port);
        } finally {
          await teardown();
        }
      },
      timeoutMs,
    );
  };
}
