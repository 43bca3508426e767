import type Database from 'better-sqlite3';

/**
 * Prepares each SQL text once and hands back the same statement after: preparing parses and plans
 * the query, which on paths run for every request (authentication, replays) is a visible share of
 * the server's CPU under load.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
