/** The build's decisions, as pure functions: no build output needed. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { rewriteTsUrls } from '../../scripts/build/esm.js';
import { subresourceIntegrity } from '../../scripts/build/integrity.js';
import { judgeSize, LOCALE_CHUNK_GZIP_BUDGET, OWN_JS_GZIP_BUDGET } from '../../scripts/build/size.js';
import { strictCsp } from '../../demo/examples/csp.js';
import { planWorkerStart } from '../../src/cdn/module-worker.js';

describe('rewriteTsUrls', () => {
  it('points new URL(./x.ts, import.meta.url) at the emitted .js and lists what it rewrote', () => {
    const code = "const w = new Worker(new URL('./detector.worker.ts', import.meta.url), { type: 'module' });";
    expect(rewriteTsUrls(code)).toEqual({
      code: "const w = new Worker(new URL('./detector.worker.js', import.meta.url), { type: 'module' });",
      targets: ['./detector.worker.js'],
    });
  });

  it('leaves other URLs and non-relative paths alone', () => {
    const code =
      "new URL('./assets/', import.meta.url); new URL('x.ts', import.meta.url); new URL(name, import.meta.url);";
    expect(rewriteTsUrls(code)).toEqual({ code, targets: [] });
  });
});

describe('judgeSize', () => {
  const files = [
    { path: 'liveness-check.js', gzipBytes: 30_000 },
    { path: 'liveness-check.worker.js', gzipBytes: 2_000 },
    { path: 'chunks/analyzer-AbC_1.js', gzipBytes: 1_500 },
    { path: 'chunks/mediapipe-XyZ-9.js', gzipBytes: 44_000 },
    { path: 'assets/wasm/vision_wasm_module_internal.js', gzipBytes: 81_000 },
  ];

  it("counts our JS, not MediaPipe's chunk nor its WASM loader", () => {
    const report = judgeSize(files, 40_000);
    expect(report.ownGzipBytes).toBe(33_500);
    expect(report.excluded.map((file) => file.path)).toEqual([
      'chunks/mediapipe-XyZ-9.js',
      'assets/wasm/vision_wasm_module_internal.js',
    ]);
    expect(report.withinBudget).toBe(true);
  });

  it('fails one byte over the budget', () => {
    expect(judgeSize(files, 33_499).withinBudget).toBe(false);
    expect(judgeSize(files, 33_500).withinBudget).toBe(true);
  });

  it('counts the largest language chunk once, since a page loads one language at most', () => {
    const withLocales = [
      ...files,
      { path: 'chunks/locale-ja-Bv82yULB.js', gzipBytes: 1_400 },
      { path: 'chunks/locale-pt-BR-DUsddH15.js', gzipBytes: 1_200 },
      { path: 'chunks/locale-zh-TW-Ds_lXulv.js', gzipBytes: 1_300 },
    ];
    const report = judgeSize(withLocales, 40_000, 2_000);
    expect(report.ownGzipBytes).toBe(33_500 + 1_400);
    expect(report.locales.map((file) => file.path)).toEqual([
      'chunks/locale-ja-Bv82yULB.js',
      'chunks/locale-pt-BR-DUsddH15.js',
      'chunks/locale-zh-TW-Ds_lXulv.js',
    ]);
    expect(report.own.map((file) => file.path)).not.toContain('chunks/locale-ja-Bv82yULB.js');
    expect(report.withinBudget).toBe(true);
    expect(judgeSize(withLocales, 34_899, 2_000).withinBudget).toBe(false);
  });

  it('fails when one language chunk is over its own budget, whatever the total', () => {
    const report = judgeSize([...files, { path: 'chunks/locale-ru-C8HMvvfH.js', gzipBytes: 2_001 }], 100_000, 2_000);
    expect(report.localesOverBudget.map((file) => file.path)).toEqual(['chunks/locale-ru-C8HMvvfH.js']);
    expect(report.withinBudget).toBe(false);
  });

  it('the budgets documented in docs/integration.md are the ones enforced', async () => {
    const docs = await readFile(new URL('../../docs/integration.md', import.meta.url), 'utf8');
    expect(docs).toContain(`${OWN_JS_GZIP_BUDGET.toLocaleString('en')} bytes`);
    expect(docs).toContain(`${LOCALE_CHUNK_GZIP_BUDGET.toLocaleString('en')} bytes`);
  });
});

describe('subresourceIntegrity', () => {
  it('is the sha384 SRI string of the bytes', () => {
    // echo -n abc | openssl dgst -sha384 -binary | base64
    expect(subresourceIntegrity(new TextEncoder().encode('abc'))).toBe(
      'sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn',
    );
  });
});

describe('planWorkerStart', () => {
  it('starts a same-origin worker file directly', () => {
    expect(
      planWorkerStart(new URL('https://shop.example/js/liveness-check.worker.js'), 'https://shop.example'),
    ).toEqual({
      kind: 'direct',
      url: 'https://shop.example/js/liveness-check.worker.js',
    });
  });

  it('starts a cross-origin worker file through a blob: module that imports it', () => {
    const plan = planWorkerStart(new URL('https://cdn.example/lc@1/liveness-check.worker.js'), 'https://shop.example');
    expect(plan.kind).toBe('blob-import');
    expect(plan.kind === 'blob-import' && plan.source).toContain(
      'import "https://cdn.example/lc@1/liveness-check.worker.js";',
    );
  });
});

describe('the CSP recipes in docs/integration.md', () => {
  const directives = (policy: string) => policy.split('; ');

  it('are the policies the browser tests run under', async () => {
    const docs = await readFile(new URL('../../docs/integration.md', import.meta.url), 'utf8');
    const sameOrigin = strictCsp({ backendOrigin: 'https://liveness.example.com' });
    for (const directive of directives(sameOrigin)) expect(docs).toMatch(new RegExp(`^${escape(directive)};?$`, 'm'));
    const crossOrigin = strictCsp({
      backendOrigin: 'https://liveness.example.com',
      cdnOrigin: 'https://cdn.jsdelivr.net',
    });
    for (const directive of directives(crossOrigin).filter((entry) => entry.includes('cdn.jsdelivr.net'))) {
      expect(docs).toMatch(new RegExp(`^${escape(directive)};?$`, 'm'));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
