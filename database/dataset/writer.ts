import type { Knex } from 'knex';

/** Rows per INSERT: large enough to amortise the round trip, small enough to keep memory flat. */
const CHUNK = 5000;

/**
 * Buffers the rows of one table and writes them as one `INSERT … SELECT … FROM
 * json_populate_recordset(…)` per chunk: a single bound parameter whatever the number of rows, and
 * PostgreSQL parses the JSON far faster than it would parse a VALUES list of the same size.
 * Ids are given explicitly (1, 2, 3…) so that a run never depends on the state of a sequence.
 */
export class TableWriter {
  private buffer: Record<string, unknown>[] = [];
  private lastId = 0;
  count = 0;

  constructor(
    readonly table: string,
    readonly columns: string[],
  ) {}

  /** Queues a row (its columns without `id`) and returns the id it will have. */
  add(row: Record<string, unknown>): number {
    if (this.lastId === 0) this.checkColumns(row);
    this.lastId += 1;
    this.count += 1;
    this.buffer.push({ id: this.lastId, ...row });
    return this.lastId;
  }

  /** A row whose keys differ from the declared columns would silently write nulls: refuse it. */
  private checkColumns(row: Record<string, unknown>): void {
    const keys = Object.keys(row).sort().join(',');
    if (keys !== [...this.columns].sort().join(',')) {
      throw new Error(`Colonnes incohérentes pour ${this.table} : ${keys} au lieu de ${[...this.columns].sort().join(',')}.`);
    }
  }

  get full(): boolean {
    return this.buffer.length >= CHUNK;
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    if (!this.buffer.length) return;
    const rows = this.buffer;
    this.buffer = [];
    const columns = ['id', ...this.columns];
    await trx.raw('insert into ?? (??) select ?? from json_populate_recordset(null::??, ?::json)', [
      this.table,
      columns,
      columns,
      this.table,
      JSON.stringify(rows),
    ]);
  }

  /** Moves the id sequence past the explicit ids, so that Strapi's next insert does not collide. */
  async syncSequence(trx: Knex.Transaction): Promise<void> {
    if (this.lastId) await trx.raw(`select setval(pg_get_serial_sequence(?, 'id'), ?)`, [this.table, this.lastId]);
    else await trx.raw(`select setval(pg_get_serial_sequence(?, 'id'), 1, false)`, [this.table]);
  }
}

/** Every table of a run, flushed together. */
export class Writers {
  private readonly all: TableWriter[] = [];

  constructor(private readonly trx: Knex.Transaction) {}

  table(name: string, columns: string[]): TableWriter {
    const writer = new TableWriter(name, columns);
    this.all.push(writer);
    return writer;
  }

  /**
   * Once a buffer reaches a chunk, writes every buffer, in the order the tables were opened: parents
   * (users, services, campaigns…) were opened before the rows and join rows that point to them, so
   * foreign keys always find their target. Call it between batches of generated rows.
   */
  async drain(): Promise<void> {
    if (!this.all.some((w) => w.full)) return;
    for (const w of this.all) await w.flush(this.trx);
  }

  async finish(): Promise<void> {
    for (const w of this.all) {
      await w.flush(this.trx);
      await w.syncSequence(this.trx);
    }
  }

  get tables(): TableWriter[] {
    return this.all;
  }
}
