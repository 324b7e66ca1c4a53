/**
 * Keeps the "Current figures" section of docs/benchmarks.md in step with latest.md: the summary goes between two
 * marker comments, its headings moved one level down so they nest under the section's `##`. Pure.
 */
export const FIGURES_START = '<!-- bench:figures:start -->';
export const FIGURES_END = '<!-- bench:figures:end -->';

/** The document with the figures replaced, or null when it has no (well-ordered) markers. */
export function withFigures(doc: string, summary: string): string | null {
  const start = doc.indexOf(FIGURES_START);
  const end = doc.indexOf(FIGURES_END);
  if (start === -1 || end === -1 || end < start) return null;
  const nested = summary
    .trim()
    .split('\n')
    // The summary's own title is the section's; its other headings nest under it.
    .filter((line, index) => !(index === 0 && line.startsWith('# ')))
    .map((line) => (/^#{2,5} /.test(line) ? `#${line}` : line))
    .join('\n')
    .trim();
  return `${doc.slice(0, start + FIGURES_START.length)}\n\n${nested}\n\n${doc.slice(end)}`;
}
