import { type Calibration, fingerprintOf } from './calibration.js';
import {
  type ContextReader,
  createContextReader,
  foldMessage,
  hintedElsewhere,
  placedElsewhere,
} from './contexts.js';
import type { Entry, Neighbour } from './entry-schema.js';
import type { Knowledge } from './load-knowledge.js';
import type { OtherProduct } from './other-products.js';
import { readMessage, topicParts } from './read-message.js';
import {
  bayesWeight,
  crossValidatedTemperature,
  nearestWeight,
  neighbourLabel,
  Scorer,
  samplesOf,
} from './scorer.js';
import { createSignatureReader, type SignatureReader, signatureWeight } from './signatures.js';
import { defaultTrainOptions, softmax } from './softmax-classifier.js';
import { TextFeatures } from './text-features.js';
import { afterRestore, gatedTopics } from './topic-gates.js';

export interface Candidate {
  id: string;
  title: string;
  confidence: number;
}

/** What the question was recognised as when the bot does not cover it. */
export interface NotCovered {
  id: string;
  title: string;
  pointer?: { title: string; url: string };
  /** A fact said before the pointer (neighbours.yaml `note`). */
  note?: string;
}

export interface MatchResult {
  outcome: 'answer' | 'clarify' | 'nomatch';
  /** The entry answered, or the best candidate of a clarify; null for no match. */
  intent: string | null;
  /** Calibrated probability that `intent` is what the user asked about. */
  confidence: number;
  /** Entries ranked best first (at most three). */
  candidates: Candidate[];
  notCovered?: NotCovered;
}

export interface MatcherSettings {
  /** Answer outright at or above this confidence. */
  answerAt: number;
  /** Offer "did you mean" at or above this confidence; below it, no match. */
  clarifyAt: number;
  /** A candidate is offered in a clarify only at or above this confidence. */
  candidateAt: number;
  folds: number;
}

/** Thresholds chosen on eval/dev.jsonl (see README, "Matcher"); the model never trains on it. */
export const defaultMatcherSettings: MatcherSettings = {
  answerAt: 0.5,
  clarifyAt: 0.25,
  candidateAt: 0.08,
  folds: 5,
};

export class Matcher {
  private constructor(
    private readonly entries: Map<string, Entry>,
    private readonly neighbours: Map<string, Neighbour>,
    private readonly contexts: ContextReader,
    private readonly signatures: SignatureReader,
    private readonly features: TextFeatures,
    private readonly scorer: Scorer,
    /** The temperature in use, and whether it came from calibration.json or was computed at build. */
    readonly calibration: Calibration & { source: 'stored' | 'computed' },
    readonly settings: MatcherSettings,
  ) {}

  /** The features the matcher reads a text with (unit length, weighted by the knowledge base): for grouping questions. */
  textFeatures(text: string): Map<string, number> {
    return this.features.features(text);
  }

  get temperature(): number {
    return this.calibration.temperature;
  }

  static build(knowledge: Knowledge, settings: MatcherSettings = defaultMatcherSettings): Matcher {
    const texts = [
      ...[...knowledge.entries.values()].flatMap((e) => [e.title, e.short, e.answer, ...e.examples]),
      ...knowledge.neighbours.flatMap((n) => [n.title, ...n.examples]),
    ];
    const features = new TextFeatures(texts);
    const samples = samplesOf(knowledge.entries.values(), knowledge.neighbours, features);
    const fingerprint = fingerprintOf(samples, {
      folds: settings.folds,
      train: defaultTrainOptions,
      nearestWeight,
      bayesWeight,
    });
    const stored = knowledge.calibration;
    const calibration =
      stored?.fingerprint === fingerprint
        ? { ...stored, source: 'stored' as const }
        : {
            fingerprint,
            temperature: crossValidatedTemperature(samples, settings.folds),
            source: 'computed' as const,
          };
    return new Matcher(
      knowledge.entries,
      new Map(knowledge.neighbours.map((n) => [neighbourLabel(n.id), n])),
      createContextReader(knowledge.products),
      createSignatureReader(knowledge.signatures),
      features,
      new Scorer(samples),
      calibration,
      settings,
    );
  }

  match(text: string): MatchResult {
    const nothing: MatchResult = { outcome: 'nomatch', intent: null, confidence: 0, candidates: [] };
    const reading = readMessage(text);
    const folded = foldMessage(text);
    const context = this.contexts.read(folded, reading);
    const elsewhere = placedElsewhere(context);
    if (elsewhere) return { ...nothing, notCovered: this.notCovered(elsewhere) };
    const features = this.features.featuresOfParts(topicParts(reading));
    const hinted = hintedElsewhere(context);
    if (this.scorer.model.knownFeatures(features) === 0)
      return hinted ? { ...nothing, notCovered: this.notCovered(hinted) } : nothing;

    const classes = this.scorer.model.classes;
    const scores = this.scorer.scores(features);
    for (const topic of this.signatures.topics(folded)) {
      const i = classes.indexOf(this.entries.has(topic) ? topic : neighbourLabel(topic));
      if (i >= 0) scores[i] = (scores[i] ?? 0) + signatureWeight;
    }
    const p = softmax(scores, this.temperature);
    const gated = gatedTopics(folded);
    let gatedTop: string | undefined;
    const { top: before } = this.ranked(p);
    // What a gate rules out is not a candidate: the rest share its probability (P(class | not gated)).
    let kept = 1;
    for (let i = 0; i < classes.length; i++) {
      if (!gated.has(classes[i] ?? '')) continue;
      if (i === before) gatedTop = classes[i];
      kept -= p[i] ?? 0;
      p[i] = 0;
    }
    if (kept > 1e-9 && kept < 1) for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) / kept;
    const { top, entries } = this.ranked(p);
    const candidates = entries
      .filter((i) => (p[i] ?? 0) > 0)
      .map((i) => {
        const id = classes[i] ?? '';
        return { id, title: this.entries.get(id)?.title ?? id, confidence: p[i] ?? 0 };
      });
    const best = candidates[0];
    const { answerAt, clarifyAt, candidateAt } = this.settings;
    const neighbour = top >= 0 ? this.neighbours.get(classes[top] ?? '') : undefined;
    if (!best || neighbour || best.confidence < clarifyAt) {
      // Declined: say what it sounded like: a neighbouring topic, the topic a gate turned away, or a
      // context the message hinted at.
      const fallback = gatedTop
        ? this.neighbours.get(neighbourLabel(afterRestore[gatedTop] ?? ''))
        : undefined;
      const heard = neighbour ?? fallback ?? hinted;
      return { ...nothing, candidates, ...(heard ? { notCovered: this.notCovered(heard) } : {}) };
    }
    if (best.confidence >= answerAt)
      return { outcome: 'answer', intent: best.id, confidence: best.confidence, candidates };
    if (hinted) return { ...nothing, candidates, notCovered: this.notCovered(hinted) };
    const offered = candidates.filter((c, i) => i < 2 || c.confidence >= candidateAt);
    return { outcome: 'clarify', intent: best.id, confidence: best.confidence, candidates: offered };
  }

  /**
   * In one pass over the probabilities: the most likely class of all (an entry or a neighbour) and the
   * three most likely entries, best first; ties go to the class listed first.
   */
  private ranked(p: Float64Array): { top: number; entries: number[] } {
    const classes = this.scorer.model.classes;
    let top = -1;
    const entries: number[] = [];
    for (let i = 0; i < classes.length; i++) {
      const pi = p[i] ?? 0;
      if (top < 0 || pi > (p[top] ?? 0)) top = i;
      if (!this.entries.has(classes[i] ?? '')) continue;
      let at = entries.length;
      while (at > 0 && pi > (p[entries[at - 1] ?? 0] ?? 0)) at--;
      if (at < 3) {
        entries.splice(at, 0, i);
        if (entries.length > 3) entries.pop();
      }
    }
    return { top, entries };
  }

  private notCovered(item: Neighbour | OtherProduct): NotCovered {
    return {
      id: item.id,
      title: item.title,
      ...(item.pointer ? { pointer: item.pointer } : {}),
      ...('note' in item && item.note ? { note: item.note } : {}),
    };
  }

  entry(id: string): Entry | undefined {
    return this.entries.get(id);
  }
}
