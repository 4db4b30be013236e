import type { Clock } from '../../bot/ports/clock.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Store } from '../../bot/ports/store.js';
import { type AuditEntry, auditPrefix } from '../../dialogs/common/audit.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import { surfaceTokens } from '../../knowledge/text-features.js';
import { buildReport, type ChannelFilter, type InsightsReport } from './build-report.js';
import type { ClusterDeps } from './cluster-questions.js';
import { draftFromCluster, draftFromTicket } from './entry-draft.js';
import { readPeriod } from './read-period.js';

export interface InsightsReaderDeps {
  store: Store;
  clock: Clock;
  /** The matcher: its text features group the questions; its entries name the topics. */
  knowledge: { textFeatures(text: string): Map<string, number>; entry(id: string): Entry | undefined };
  readTicket: (id: string) => Promise<Ticket | undefined>;
}

export type Draft = { fileName: string; yaml: string };

/** What the page and the CLI read: the report of a period, entry drafts and audit rows. */
export class InsightsReader {
  private readonly cluster: ClusterDeps;

  constructor(private readonly deps: InsightsReaderDeps) {
    this.cluster = {
      features: (text) => deps.knowledge.textFeatures(text),
      words: surfaceTokens,
      title: (id) => deps.knowledge.entry(id)?.title,
    };
  }

  async report(days: number, channel: ChannelFilter): Promise<InsightsReport> {
    const data = await readPeriod(this.deps.store, this.deps.clock.now(), days);
    return buildReport(data, channel, this.cluster);
  }

  /** A draft entry for a group of the period's unanswered questions; undefined when the group is gone. */
  async clusterDraft(days: number, channel: ChannelFilter, groupId: string): Promise<Draft | undefined> {
    const group = (await this.report(days, channel)).clusters.find((c) => c.id === groupId);
    if (!group) return undefined;
    const yaml = draftFromCluster(group, this.context());
    return { fileName: `${/^id: (.+)$/m.exec(yaml)?.[1] ?? 'draft'}.yaml`, yaml };
  }

  /** A draft entry from a resolved ticket; undefined when there is no such resolved ticket. */
  async ticketDraft(ticketId: string): Promise<Draft | undefined> {
    const ticket = await this.deps.readTicket(ticketId);
    if (ticket?.state !== 'resolved') return undefined;
    const yaml = draftFromTicket(ticket, this.context());
    return { fileName: `${/^id: (.+)$/m.exec(yaml)?.[1] ?? 'draft'}.yaml`, yaml };
  }

  /** One row of the audit log, by its key (only audit keys are read). */
  async auditRow(key: string): Promise<AuditEntry | undefined> {
    if (!key.startsWith(auditPrefix)) return undefined;
    return (await this.deps.store.read<AuditEntry>(key))?.value;
  }

  private context() {
    return {
      taken: (id: string) => this.deps.knowledge.entry(id) !== undefined,
      isFaq: (id: string) => this.deps.knowledge.entry(id)?.kind === 'faq',
      today: this.deps.clock.now().toISOString().slice(0, 10),
    };
  }
}
