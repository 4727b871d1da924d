import { z } from 'zod';

/**
 * Something bootlens noticed about its input rather than about the boot: a skipped line, an
 * assumption it had to make. Worded once in `report/diagnostics.ts`; detection only picks the code.
 */
export const Diagnostic = z.object({
  path: z.string(),
  /** 1-based line, or 0 when the diagnostic is about the input as a whole. */
  line: z.number().int().nonnegative(),
  code: z.string(),
  message: z.string(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;
