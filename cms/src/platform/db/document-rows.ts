import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { columnOf, tableOf, type JoinTable } from './schema';

type Attribute = { type?: string; relation?: string; columnName?: string; default?: unknown; joinTable?: JoinTable; joinColumn?: { name: string } };

/** One document to insert: its scalar attributes, and for each relation the ids of its targets in order. */
export interface DocumentRow {
  data: Record<string, unknown>;
  links?: Record<string, number[]>;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 bound parameters for any of our types. */
const CHUNK = 1000;

/** Strapi's own document id generator for a type (what the Document Service stamps on a new document). */
function documentIdGenerator(strapi: Core.Strapi, uid: string): () => string {
  const generator = (strapi.db.metadata.get(uid).attributes as unknown as Record<string, Attribute>).documentId?.default;
  if (typeof generator !== 'function') throw new Error('Strapi ne fournit plus de générateur d’identifiant de document (documentId.default).');
  return generator as () => string;
}

/**
 * The row the Document Service writes for a new document of a type without draft & publish, keyed
 * by column: the attributes of `data`, a new document id, the creation dates, and who created it.
 */
export function newDocumentRow(strapi: Core.Strapi, uid: string, data: Record<string, unknown>, now: Date, adminUserId: number | null, newDocumentId = documentIdGenerator(strapi, uid)) {
  const c = (attribute: string) => columnOf(strapi, uid, attribute);
  return {
    ...Object.fromEntries(Object.entries(data).map(([attribute, value]) => [c(attribute), value])),
    [c('documentId')]: newDocumentId(),
    [c('createdAt')]: now,
    [c('updatedAt')]: now,
    // Without draft & publish, Strapi stamps every row as published when it is created.
    [c('publishedAt')]: now,
    [c('createdBy')]: adminUserId,
    [c('updatedBy')]: adminUserId,
  };
}

/**
 * Writes documents of one type below the Document Service, in bulk, as that service would have
 * written them: the same document id generator, timestamps, creator columns and link rows (with
 * their order columns) — all read from Strapi's own metadata, so a schema change moves this code
 * along with it. For types without draft & publish only: each row is one published document.
 * Callers check the data first (nothing here validates), inside their own transaction.
 * `afterInsert` runs in that transaction with the new rows' ids (the audit trail: audit/bulk-entries.ts).
 */
export class DocumentRowWriter {
  private readonly attributes: Record<string, Attribute>;
  private readonly table: string;
  private readonly newDocumentId: () => string;
  /** Next inverse order value per link and target, when a link keeps one (Strapi appends: max + 1). */
  private readonly nextOrder = new Map<string, Map<number, number>>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly trx: Knex.Transaction,
    private readonly uid: string,
    private readonly adminUserId: number | null,
    private readonly now = new Date(),
    private readonly afterInsert?: (ids: number[]) => Promise<void>,
  ) {
    if ((strapi.contentTypes[uid as never] as { options?: { draftAndPublish?: boolean } } | undefined)?.options?.draftAndPublish) {
      throw new Error(`${uid} : l’écriture groupée ne gère pas les brouillons/publications.`);
    }
    this.attributes = strapi.db.metadata.get(uid).attributes as unknown as Record<string, Attribute>;
    this.table = tableOf(strapi, uid);
    this.newDocumentId = documentIdGenerator(strapi, uid);
  }

  /** Multi-row INSERTs for the documents, then for each relation's link rows; ids in the rows' order. */
  async insert(rows: DocumentRow[]): Promise<{ id: number; documentId: string }[]> {
    const written: { id: number; documentId: string }[] = [];
    for (let start = 0; start < rows.length; start += CHUNK) written.push(...(await this.insertChunk(rows.slice(start, start + CHUNK))));
    await this.afterInsert?.(written.map((w) => w.id));
    return written;
  }

  private async insertChunk(rows: DocumentRow[]): Promise<{ id: number; documentId: string }[]> {
    if (!rows.length) return [];
    const c = (a: string) => columnOf(this.strapi, this.uid, a);
    const values = rows.map(({ data }) => newDocumentRow(this.strapi, this.uid, data, this.now, this.adminUserId, this.newDocumentId));
    const inserted: Record<string, unknown>[] = await this.trx(this.table).insert(values).returning(['id', c('documentId')]);
    const idOf = new Map(inserted.map((r) => [r[c('documentId')] as string, r.id as number]));
    const written = values.map((v) => ({ id: idOf.get(v[c('documentId')] as string)!, documentId: v[c('documentId')] as string }));
    const relations = new Set(rows.flatMap((r) => Object.keys(r.links ?? {})));
    for (const attribute of relations) {
      const pairs = rows.flatMap((row, i) => (row.links?.[attribute] ?? []).map((target, position) => ({ id: written[i].id, target, position })));
      await this.link(attribute, pairs);
    }
    return written;
  }

  private async link(attribute: string, pairs: { id: number; target: number; position: number }[]): Promise<void> {
    if (!pairs.length) return;
    const joinTable = this.attributes[attribute]?.joinTable;
    if (!joinTable) throw new Error(`${this.uid} : la relation « ${attribute} » n’a pas de table de liaison.`);
    const orders = joinTable.inverseOrderColumnName ? await this.ordersFor(joinTable, pairs.map((p) => p.target)) : undefined;
    const rows = pairs.map(({ id, target, position }, i) => ({
      [joinTable.joinColumn.name]: id,
      [joinTable.inverseJoinColumn.name]: target,
      // The owner's order is the target's position in the list (a to-one relation: always 1).
      ...(joinTable.orderColumnName ? { [joinTable.orderColumnName]: position + 1 } : {}),
      ...(orders ? { [joinTable.inverseOrderColumnName!]: orders[i] } : {}),
    }));
    await this.trx(joinTable.name).insert(rows);
  }

  private async ordersFor(joinTable: JoinTable, targets: number[]): Promise<number[]> {
    let next = this.nextOrder.get(joinTable.name);
    if (!next) this.nextOrder.set(joinTable.name, (next = new Map()));
    const unknown = [...new Set(targets)].filter((t) => !next.has(t));
    if (unknown.length) {
      const target = joinTable.inverseJoinColumn.name;
      const maxima = await this.trx(joinTable.name)
        .whereIn(target, unknown)
        .groupBy(target)
        .select(`${target} as target`, this.trx.raw('max(??) as max', [joinTable.inverseOrderColumnName!]));
      for (const t of unknown) next.set(t, 1);
      for (const m of maxima as { target: number; max: number | null }[]) next.set(m.target, Number(m.max ?? 0) + 1);
    }
    return targets.map((t) => {
      const order = next.get(t)!;
      next.set(t, order + 1);
      return order;
    });
  }
}
