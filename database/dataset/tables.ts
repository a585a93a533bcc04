import { linkOf, snake, tableOf, type Link } from './schema';
import { TableWriter, Writers } from './writer';

/** Columns every Strapi 5 row carries, whatever its type. */
const SYSTEM = ['documentId', 'createdAt', 'updatedAt', 'publishedAt'];

/** A content-type table: its attributes written by the generator, as column names. */
export interface EntityTable {
  uid: string;
  writer: TableWriter;
}

export function entityTable(writers: Writers, uid: string, attributes: string[]): EntityTable {
  return { uid, writer: writers.table(tableOf(uid), [...SYSTEM, ...attributes].map(snake)) };
}

/**
 * The rows of one join table. Strapi keeps order columns on to-many sides (position of the target
 * among the owner's targets) and on the to-many side of bidirectional relations (position of the
 * owner among the target's owners); both are appended as Strapi appends them: 1, 2, 3…
 */
export class LinkTable {
  readonly link: Link;
  readonly writer: TableWriter;
  private readonly orders = new Map<number, number>();
  private readonly inverseOrders = new Map<number, number>();

  constructor(writers: Writers, uid: string, attribute: string) {
    this.link = linkOf(uid, attribute);
    const columns = [this.link.from, this.link.to];
    if (this.link.order) columns.push(this.link.order);
    if (this.link.inverseOrder) columns.push(this.link.inverseOrder);
    this.writer = writers.table(this.link.table, columns);
  }

  add(from: number, to: number): void {
    const row: Record<string, unknown> = { [this.link.from]: from, [this.link.to]: to };
    if (this.link.order) row[this.link.order] = next(this.orders, from);
    if (this.link.inverseOrder) row[this.link.inverseOrder] = next(this.inverseOrders, to);
    this.writer.add(row);
  }
}

function next(counters: Map<number, number>, key: number): number {
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
}

/** Row helpers: timestamps as PostgreSQL reads them for `timestamp without time zone` (UTC). */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const DAY = 86_400_000;
