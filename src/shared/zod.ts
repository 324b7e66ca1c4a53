/**
 * One way to turn a zod failure into the message of a 400/422 answer or a configuration error, so every refusal
 * of bad input reads the same: `path: problem; path: problem`, with `subject` naming the value itself when the
 * problem is at the root (an empty path).
 */
import type { z } from 'zod';

export function formatIssues(error: z.ZodError, subject: string): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || subject}: ${issue.message}`).join('; ');
}
