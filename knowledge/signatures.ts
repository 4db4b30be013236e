import { z } from 'zod';
import { patternSchema } from './other-products.js';

/**
 * knowledge/signatures.yaml: error messages and commands that are evidence of a topic on their own,
 * wherever they stand in a message (a pasted log line counts as much as the question): the `az postgres
 * flexible-server geo-restore` line or `create_mode = "GeoRestore"` of a geo-restore, "geo-backups aren't
 * available yet" of a server too new to have any. Each adds to its topic's score before the
 * probabilities are computed, so the rest of the message still decides between close topics, and the
 * topic gates still apply (an "Invalid Username" error without a restore is not about a restored server).
 */
export const signatureSchema = z.strictObject({
  /** A regular expression on the lower-cased message (identifiers as typed, not split). */
  pattern: patternSchema,
  /** The entry or neighbouring topic it is evidence for. */
  topic: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** What the signature is, for the reader of the file. */
  what: z.string().min(1),
});

export type Signature = z.infer<typeof signatureSchema>;

/** How much one signature adds to its topic's score (chosen on the team's own posts, checked by KB CV). */
export const signatureWeight = 3;

export interface SignatureReader {
  /** The topics with signatures in the folded message, each once. */
  topics(folded: string): string[];
}

export function createSignatureReader(signatures: readonly Signature[]): SignatureReader {
  const compiled = signatures.map((s) => ({ pattern: new RegExp(s.pattern), topic: s.topic }));
  return {
    topics(folded) {
      const found = new Set<string>();
      for (const s of compiled) if (!found.has(s.topic) && s.pattern.test(folded)) found.add(s.topic);
      return [...found];
    },
  };
}
