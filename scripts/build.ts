/**
 * `npm run build`: everything `npm pack` publishes, in dist/ (layout in docs/integration.md), then the size budget.
 * Exits non-zero on any failure, including a budget overrun.
 */
import { rm } from 'node:fs/promises';
import { buildCdn } from './build/cdn.js';
import { formatCompressionReport, writePrecompressed, type CompressedFile } from './build/compress.js';
import { buildEsm } from './build/esm.js';
import { writeIntegrity } from './build/integrity.js';
import { buildCustomElementsManifest } from './build/manifest.js';
import { DIST_DIR } from './build/paths.js';
import { formatSizeReport, judgeSize, measureCdn } from './build/size.js';

async function step(name: string, work: () => Promise<unknown>): Promise<void> {
  process.stdout.write(`build: ${name}\n`);
  await work();
}

async function main(): Promise<void> {
  await rm(DIST_DIR, { recursive: true, force: true });
  await step('dist/esm (tsc)', buildEsm);
  await step('dist/cdn (vite)', buildCdn);
  await step('dist/custom-elements.json', buildCustomElementsManifest);
  await step('dist/cdn/integrity.json', () => writeIntegrity());
  let compressed: CompressedFile[] = [];
  await step('dist/cdn/**/*.{br,gz}', async () => (compressed = await writePrecompressed()));
  const report = judgeSize(await measureCdn());
  process.stdout.write(`${formatSizeReport(report)}\n${formatCompressionReport(compressed)}\n`);
  if (report.localesOverBudget.length > 0) {
    throw new Error(
      `${report.localesOverBudget.map((file) => file.path).join(', ')} over the ${report.localeBudget} B budget of a ` +
        'language chunk: shorten the texts, or raise LOCALE_CHUNK_GZIP_BUDGET in scripts/build/size.ts and ' +
        'docs/integration.md with the reason',
    );
  }
  if (!report.withinBudget) {
    throw new Error(
      `our JS is ${report.ownGzipBytes} B gzip, over the ${report.budget} B budget: trim it, or raise the budget in ` +
        'scripts/build/size.ts and docs/integration.md with the reason',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
