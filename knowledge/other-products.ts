import { z } from 'zod';
import { foldText } from './clean-text.js';

export const otherProductSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  names: z.array(z.string().min(2)).min(1),
  pointer: z.strictObject({ title: z.string().min(1), url: z.url({ protocol: /^https$/ }) }).optional(),
});

export type OtherProduct = z.infer<typeof otherProductSchema>;

export interface ProductGuard {
  /** The other product a question is about, if it names one. */
  find(text: string): OtherProduct | undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createProductGuard(products: readonly OtherProduct[]): ProductGuard {
  const patterns = products.map((product) => ({
    product,
    pattern: new RegExp(
      `\\b(?:${product.names.map((n) => escapeRegExp(n.toLowerCase()).replace(/ /g, '[\\s-]+')).join('|')})\\b`,
    ),
  }));
  return {
    find(text) {
      const folded = foldText(text);
      return patterns.find((p) => p.pattern.test(folded))?.product;
    },
  };
}
