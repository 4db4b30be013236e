import type { HomeSource } from '../../bot/ports/home.js';
import type { Store } from '../../bot/ports/store.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import type { KnowledgeBase } from '../engine/knowledge-base.js';
import { ticketsOf } from '../handoff/index.js';
import { runningRestoresOf } from '../restore/index.js';
import { type HomeFeatures, homeReply } from './home-reply.js';

/** Shown until people have asked enough: the topics most people start with. */
const starterTopics = ['how-to-geo-restore', 'what-is-geo-backup', 'rpo-rto'];
const topicCount = 3;

export interface HomeDeps {
  kb: KnowledgeBase;
  store: Store;
  /** The entries asked about most lately, most first (the insights' day figures). */
  mostAsked: (n: number) => Promise<string[]>;
  features: HomeFeatures;
}

/** The home of each person, read from the store when asked (the most asked, their tickets, their restores). */
export function createHome(deps: HomeDeps): HomeSource {
  return {
    async homeFor({ user, address }) {
      const person = { channel: address.channel, id: user.id };
      const [asked, tickets, restores] = await Promise.all([
        deps.mostAsked(topicCount),
        deps.features.support ? ticketsOf(deps.store, person) : [],
        deps.features.restores ? runningRestoresOf(deps.store, person) : [],
      ]);
      const ids = [...new Set([...asked, ...starterTopics])];
      const topics = ids
        .flatMap((id) => deps.kb.entry(id) ?? [])
        .slice(0, topicCount)
        .map((e: Entry) => ({ id: e.id, title: e.title }));
      return homeReply({ features: deps.features, topics, tickets, restores });
    },
  };
}
