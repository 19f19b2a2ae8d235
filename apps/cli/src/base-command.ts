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
    const cell = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Object ? JSON.stringify(v) : String(v));
    const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
    const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
    this.log(line(columns.map((c) => c.toUpperCase())));
    for (const row of rows) this.log(line(columns.map((c) => cell(row[c]))));
  }

  protected async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof CliError) this.error(error.message, { exit: error.exit });
    if (error.oclif?.exit !== undefined && error.oclif.exit !== EXIT.usage && error.oclif.exit !== 0) throw error;
    if (/(Missing|Unexpected|Expected|Nonexistent flag|required)/i.test(error.message)) this.error(error.message, { exit: EXIT.usage });
    throw error;
  }
}
