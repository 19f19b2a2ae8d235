import { Command } from '@oclif/core';
import { CliError, CredentialStore, EXIT, ParleyClient } from './client.js';

/** Every command: --json output from its return value, clear messages and distinct exit codes, no stack traces. */
export abstract class ParleyCommand extends Command {
  static enableJsonFlag = true;

  protected get store(): CredentialStore {
    return new CredentialStore(process.env.PARLEY_CONFIG_DIR ?? this.config.configDir);
  }

  protected async client(): Promise<ParleyClient> {
    const credentials = await this.store.load();
    if (!credentials) throw new CliError('not signed in; run `parley login` first', EXIT.auth);
    return new ParleyClient(credentials, this.store);
  }

  /** Prints rows as an aligned table (ignored with --json, where the return value is printed). */
  protected table(rows: Record<string, unknown>[], columns: string[]): void {
    if (rows.length === 0) return this.log('(none)');
    const cell = (v: unknown) =>
      v === null || v === undefined ? '' : v instanceof Object ? JSON.stringify(v) : String(v);
    const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
    const line = (values: string[]) =>
      values
        .map((v, i) => v.padEnd(widths[i]!))
        .join('  ')
        .trimEnd();
    this.log(line(columns.map((c) => c.toUpperCase())));
    for (const row of rows) this.log(line(columns.map((c) => cell(row[c]))));
  }

  /**
   * Known failures end with their exit code and a one-line message, or with `--json` as
   * `{"error":{"code","message","exit"}}` on stdout, so scripts parse failures the way they parse results.
   */
  protected async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    const failure =
      error instanceof CliError
        ? { code: error.code ?? codeFor(error.exit), message: error.message, exit: error.exit }
        : error.oclif?.exit === 0
          ? null
          : error.oclif?.exit === EXIT.usage ||
              /(Missing|Unexpected|Expected|Nonexistent flag|required)/i.test(error.message)
            ? { code: 'usage', message: error.message, exit: EXIT.usage }
            : null;
    if (!failure) throw error;
    if (this.jsonEnabled()) {
      this.logJson({ error: failure });
      this.exit(failure.exit);
    }
    this.error(failure.message, { exit: failure.exit });
  }
}

const codeFor = (exit: number): string => Object.entries(EXIT).find(([, value]) => value === exit)?.[0] ?? 'error';
