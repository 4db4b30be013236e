import { z } from 'zod';

/** A regular expression written in YAML; refused at load if it does not compile. */
export const patternSchema = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const otherProductSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Named in the reply: "That sounds like a question about <title>". */
  title: z.string().min(1),
  /** Names that, said as whole words, place a question in this context. */
  names: z.array(z.string().min(2)).default([]),
  /** Regular expressions (on lower-cased text) that place a question in this context as firmly as a name:
   * host names, CLI commands, Terraform resource types, ARM provider names. */
  signs: z.array(patternSchema).default([]),
  /** Regular expressions that only hint at the context: two hints count as one name. */
  hints: z.array(patternSchema).default([]),
  pointer: z.strictObject({ title: z.string().min(1), url: z.url({ protocol: /^https$/ }) }).optional(),
});

export type OtherProduct = z.infer<typeof otherProductSchema>;
