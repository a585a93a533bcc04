import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf } from '../progress/links';
import { workflowByUid } from '../workflow/definitions';
import type { Copied } from './build-plan';

const EVALUATION = 'api::evaluation.evaluation';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}
type Attribute = { columnName?: string; default?: unknown; joinTable?: JoinTable; joinColumn?: { name: string } };

/**
 * Writes evaluations below the Document Service, in bulk, as that service would have written them:
 * the same document id generator, timestamps, creator columns and link rows — all read from
 * Strapi's own metadata, so a schema change moves this code along with it.
 */
export class EvaluationWriter {
  private readonly attributes: Record<string, Attribute>;
  private readonly table: string;
  private readonly newDocumentId: () => string;
  private readonly initialState: string;
  /** Next inverse order value per link and target, when a link keeps one (Strapi appends: max + 1). */
  private readonly nextOrder = new Map<string, Map<number, number>>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly trx: Knex.Transaction,
    private readonly adminUserId: number | null,
    private readonly now = new Date(),
  ) {
    this.attributes = strapi.db.metadata.get(EVALUATION).attributes as unknown as Record<string, Attribute>;
    this.table = tableOf(strapi, EVALUATION);
    const generator = this.attributes.documentId?.default;
    if (typeof generator !== 'function') throw new Error('Strapi ne fournit plus de générateur d’identifiant de document (documentId.default).');
    this.newDocumentId = generator as () => string;
    this.initialState = workflowByUid(EVALUATION)?.initial ?? 'draft';
  }

  private column(attribute: string): string {
    const a = this.attributes[attribute];
    const name = a?.columnName ?? a?.joinColumn?.name;
    if (!name) throw new Error(`Colonne inconnue pour l’attribut « ${attribute} » des évaluations.`);
    return name;
  }

  /** One multi-row INSERT for the evaluations, then one per relation for their link rows. */
  async insert(rows: { serviceId: number; criterionId: number; copied: Copied | undefined }[], campaignId: number): Promise<void> {
    if (!rows.length) return;
    const c = (a: string) => this.column(a);
    const values = rows.map(({ copied }) => ({
      [c('documentId')]: this.newDocumentId(),
      [c('result')]: copied?.result ?? 'non-evalue',
      [c('findings')]: copied?.findings ?? null,
      [c('strengths')]: copied?.strengths ?? null,
      [c('gaps')]: copied?.gaps ?? null,
      [c('recommendation')]: copied?.recommendation ?? null,
      [c('workflowState')]: this.initialState,
      [c('prefilled')]: copied !== undefined,
      [c('createdAt')]: this.now,
      [c('updatedAt')]: this.now,
      // No draft & publish on evaluations: Strapi stamps every row as published when it is created.
      [c('publishedAt')]: this.now,
      [c('createdBy')]: this.adminUserId,
      [c('updatedBy')]: this.adminUserId,
    }));
    const inserted: Record<string, unknown>[] = await this.trx(this.table).insert(values).returning(['id', c('documentId')]);
    const idOf = new Map(inserted.map((r) => [r[c('documentId')] as string, r.id as number]));
    const ids = values.map((v) => idOf.get(v[c('documentId')] as string)!);
    await this.link('campaign', ids.map(() => campaignId), ids);
    await this.link('service', rows.map((r) => r.serviceId), ids);
    await this.link('criterion', rows.map((r) => r.criterionId), ids);
  }

  private async link(attribute: string, targets: number[], ids: number[]): Promise<void> {
    const joinTable = this.attributes[attribute]?.joinTable;
    if (!joinTable) throw new Error(`La relation « ${attribute} » des évaluations n’a pas de table de liaison.`);
    const orders = joinTable.inverseOrderColumnName ? await this.ordersFor(joinTable, targets) : undefined;
    const rows = ids.map((id, i) => ({
      [joinTable.joinColumn.name]: id,
      [joinTable.inverseJoinColumn.name]: targets[i],
      // A to-one relation holds a single target: its own order is always 1.
      ...(joinTable.orderColumnName ? { [joinTable.orderColumnName]: 1 } : {}),
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
