/**
 * What `npm pack` publishes: exactly the built package (dist/esm, dist/cdn, the manifest) plus README and LICENSE;
 * every `exports` target, `types` and `sideEffects` entry exists in it; the npm entries load in Node through the
 * package's own name; the CDN's integrity.json matches the files; the custom elements manifest describes the
 * element's whole public API; the `liveness-backend` bin runs from dist/ alone and stops cleanly on SIGTERM.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { subresourceIntegrity, type IntegrityManifest } from '../../scripts/build/integrity.js';
import { assertBuilt } from './support/dist.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

interface PackageJson {
  name: string;
  bin: Record<string, string>;
  types: string;
  customElements: string;
  exports: Record<string, string | Record<string, string>>;
  sideEffects: string[];
}

/** Every published path must match one of these; anything else (src, tests, demo, scripts, maps) is a leak. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^dist\/custom-elements\.json$/,
  /^dist\/esm\/.+\.(js|d\.ts)$/,
  /^dist\/cdn\/(liveness-check\.js|liveness-check\.worker\.js|integrity\.json)$/,
  /^dist\/cdn\/chunks\/[\w-]+\.js$/,
  /^dist\/cdn\/assets\/(NOTICE\.md|LICENSE-APACHE-2\.0\.txt|face_detection_short_range\.tflite|face_landmarker\.task)$/,
  /^dist\/cdn\/assets\/wasm\/vision_wasm_module_internal\.(js|wasm)$/,
];

const REQUIRED = [
  'package.json',
  'LICENSE',
  'dist/custom-elements.json',
  'dist/esm/index.js',
  'dist/esm/index.d.ts',
  'dist/esm/element.js',
  'dist/esm/element.d.ts',
  'dist/esm/liveness-check.js',
  'dist/esm/server/index.js',
  'dist/esm/server/index.d.ts',
  'dist/esm/server/bin.js',
  'dist/esm/sandbox/index.js',
  'dist/esm/sandbox/index.d.ts',
  'dist/esm/capture/detector/detector.worker.js',
  'dist/cdn/liveness-check.js',
  'dist/cdn/liveness-check.worker.js',
  'dist/cdn/integrity.json',
  'dist/cdn/assets/NOTICE.md',
  'dist/cdn/assets/LICENSE-APACHE-2.0.txt',
  'dist/cdn/assets/face_detection_short_range.tflite',
  'dist/cdn/assets/face_landmarker.task',
  'dist/cdn/assets/wasm/vision_wasm_module_internal.js',
  'dist/cdn/assets/wasm/vision_wasm_module_internal.wasm',
];

let packed: string[];
let pkg: PackageJson;

beforeAll(async () => {
  assertBuilt();
  // --ignore-scripts: prepack would rebuild; the build under test is the one already in dist/.
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  packed = report!.files.map((file) => file.path).sort();
  pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}, 60_000);

describe('npm pack', () => {
  it('publishes only the built package, README and licence', () => {
    expect(packed.filter((path) => !ALLOWED.some((pattern) => pattern.test(path)))).toEqual([]);
  });

  it('includes the entries, the CDN build, the WASM, the model, NOTICE and licences', () => {
    const expected = existsSync(join(ROOT, 'README.md')) ? [...REQUIRED, 'README.md'] : REQUIRED;
    expect(expected.filter((path) => !packed.includes(path))).toEqual([]);
  });

  it('publishes the JS and types of every src module (the npm build mirrors src/)', () => {
    const esm = packed.filter((path) => path.startsWith('dist/esm/') && path.endsWith('.js'));
    expect(esm.length).toBeGreaterThan(50);
    for (const js of esm) expect(packed, `${js} has its .d.ts`).toContain(js.replace(/\.js$/, '.d.ts'));
  });

  it('resolves every export target, the types and the sideEffects entries to published files', () => {
    const targets = Object.values(pkg.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    const published = (target: string) => {
      const path = target.replace(/^\.\//, '');
      if (!path.includes('*')) return packed.includes(path);
      const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\*+/g, '.+')}$`);
      return packed.some((file) => pattern.test(file));
    };
    expect(
      [
        ...targets,
        pkg.types,
        pkg.customElements,
        ...pkg.sideEffects.filter((entry) => entry.startsWith('./dist/')),
      ].filter((target) => !published(target)),
    ).toEqual([]);
  });
});

describe('the liveness-backend bin', () => {
  it('is a published file that Node runs directly', async () => {
    const target = pkg.bin['liveness-backend']!.replace(/^\.\//, '');
    expect(packed).toContain(target);
    expect((await readFile(join(ROOT, target), 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('serves the API at the root with JSON-line logs, and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'liveness-bin-'));
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(LIVENESS_|OZ_|KAIROS_|PORT$|HOST$)/.test(name)),
    );
    const child = spawn(process.execPath, [join(ROOT, pkg.bin['liveness-backend']!)], {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inherited,
        PORT: '0',
        HOST: '127.0.0.1',
        LIVENESS_DATA_DIR: dataDir,
        LIVENESS_PROVIDERS: 'kairos',
        LIVENESS_UPLOAD_WORKERS: '0',
      },
    });
    try {
      let stderr = '';
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          const started = stderr.split('\n').find((line) => line.includes('"backend-started"'));
          if (started) resolve(String((JSON.parse(started) as { url: string }).url));
        });
        void exited.then(() => reject(new Error(`the bin exited before listening:\n${stderr}`)));
      });
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toMatchObject({
        ok: true,
        providers: [{ name: 'kairos', sandbox: true }],
        store: { kind: 'file', ready: true },
      });
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      const lines = stderr.split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect((): unknown => JSON.parse(line), line).not.toThrow();
      expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toContain('backend-stopped');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the npm entries in Node', () => {
  it('liveness-check/server exports the backend', async () => {
    const server = (await import(/* @vite-ignore */ `${pkg.name}/server`)) as Record<string, unknown>;
    for (const name of [
      'createLivenessBackend',
      'startLivenessBackend',
      'loadConfig',
      'createProviderAdapters',
      'createFileStore',
      'createMemoryStore',
      'createPostgresStore',
    ]) {
      expect(typeof server[name], name).toBe('function');
    }
  });

  it('liveness-check/sandbox exports both emulators, which answer over loopback HTTP', async () => {
    const sandbox = (await import(
      /* @vite-ignore */ `${pkg.name}/sandbox`
    )) as typeof import('../../src/sandbox/index.js');
    const oz = await sandbox.startOzEmulator();
    const kairos = await sandbox.startKairosEmulator();
    try {
      const login = await fetch(`${oz.url}/api/authorize/auth`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ credentials: { email: oz.credentials.login, password: oz.credentials.password } }),
      });
      expect(login.status).toBe(200);
      const refused = await fetch(`${kairos.url}/v0.2/liveness-verification`, { method: 'POST' });
      expect(refused.status).toBe(401);
    } finally {
      await Promise.all([oz.close(), kairos.close()]);
    }
  });

  it('the published backend answers over its fetch handler and validates an upload', async () => {
    const server = (await import(
      /* @vite-ignore */ `${pkg.name}/server`
    )) as typeof import('../../src/server/index.js');
    // A provider that is never reached (loopback port 9): this is about the compiled server, not the providers.
    const config = server.loadConfig({
      LIVENESS_API_KEY: 'package-test-api-key-0123456789',
      LIVENESS_TOKEN_SECRET: 'package-test-token-secret-0123456789-abcdef',
      LIVENESS_PROVIDERS: 'oz',
      OZ_API_URL: 'http://127.0.0.1:9',
      OZ_LOGIN: 'nobody',
      OZ_PASSWORD: 'nothing',
      LIVENESS_UPLOAD_WORKERS: '1',
    });
    const adapters = server.createProviderAdapters(config, { sandbox: {}, logger: server.silentLogger });
    const backend = server.createLivenessBackend({ config, adapters, store: await server.createMemoryStore() });
    try {
      const auth = { authorization: `Bearer ${config.apiKey}` };
      expect((await backend.fetch(new Request('http://backend.test/health'))).status).toBe(200);
      expect((await backend.fetch(new Request('http://backend.test/openapi.json'))).status).toBe(200);
      const created = await backend.fetch(
        new Request('http://backend.test/sessions', { method: 'POST', headers: auth, body: '{}' }),
      );
      expect(created.status).toBe(201);
      const { captureToken } = (await created.json()) as { captureToken: string };
      const form = new FormData();
      form.set(
        'media',
        new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0])], { type: 'image/jpeg' }),
        'selfie.jpg',
      );
      form.set('report', '{}');
      const refused = await backend.fetch(
        new Request('http://backend.test/checks', {
          method: 'POST',
          headers: { authorization: `Bearer ${captureToken}` },
          body: form,
        }),
      );
      // A truncated JPEG and an empty report are refused by the validation the package ships.
      expect(refused.status).toBe(422);
    } finally {
      await backend.close();
    }
  });

  it('liveness-check/element exports the class and registers nothing', async () => {
    const element = (await import(/* @vite-ignore */ `${pkg.name}/element`)) as Record<string, unknown>;
    expect(typeof element['LivenessCheckElement']).toBe('function');
    expect(element).not.toHaveProperty('TAG_NAME');
    const source = await readFile(join(ROOT, 'dist/esm/element.js'), 'utf8');
    expect(source).not.toMatch(/liveness-check\.js/);
  });

  it('points the published worker URL at the emitted .js file', async () => {
    const spawner = await readFile(join(ROOT, 'dist/esm/capture/detector/spawn-worker.js'), 'utf8');
    expect(spawner).toContain("new URL('./detector.worker.js', import.meta.url)");
  });
});

describe('dist/cdn', () => {
  it('integrity.json holds the sha384 of every file', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'dist/cdn/integrity.json'), 'utf8')) as IntegrityManifest;
    const cdnFiles = packed
      .filter((path) => path.startsWith('dist/cdn/') && path !== 'dist/cdn/integrity.json')
      .map((path) => path.slice('dist/cdn/'.length));
    expect(Object.keys(manifest.files).sort()).toEqual(cdnFiles.sort());
    for (const [file, hash] of Object.entries(manifest.files)) {
      expect(hash, file).toBe(subresourceIntegrity(await readFile(join(ROOT, 'dist/cdn', file))));
    }
  });

  it('the bundle is self-contained: it imports nothing before defining the element', async () => {
    const bundle = await readFile(join(ROOT, 'dist/cdn/liveness-check.js'), 'utf8');
    expect(bundle).not.toMatch(/^import\s|[;}]import\s*[{*\w"'`]/m);
  });
});

interface ManifestClass {
  tagName?: string;
  attributes?: Array<{ name: string; fieldName?: string }>;
  members?: Array<{ name: string; kind: string; privacy?: string }>;
  events?: Array<{ name: string; type?: { text: string } }>;
  slots?: Array<{ name: string }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}

describe('custom-elements.json', () => {
  let element: ManifestClass;
  let properties: Record<string, { attribute?: string | boolean; state?: boolean }>;

  beforeAll(async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, pkg.customElements), 'utf8')) as {
      modules: Array<{ declarations?: ManifestClass[] }>;
    };
    element = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'liveness-check')!;
    const { LivenessCheckElement } = (await import(/* @vite-ignore */ `${pkg.name}/element`)) as {
      LivenessCheckElement: { properties: typeof properties };
    };
    properties = LivenessCheckElement.properties;
  });

  it('describes <liveness-check>', () => {
    expect(element).toBeDefined();
  });

  it('lists an attribute for every reactive property that has one, and nothing for internal state', () => {
    const expected = Object.entries(properties)
      .filter(([, options]) => !options.state && options.attribute !== false)
      .map(([name, options]) => (typeof options.attribute === 'string' ? options.attribute : name.toLowerCase()));
    const listed = (element.attributes ?? []).map((attribute) => attribute.name).filter((name) => name !== 'lang');
    expect(listed.sort()).toEqual(expected.sort());
  });

  it('lists every public property and method, and no private member', () => {
    const members = element.members ?? [];
    expect(members.filter((member) => member.privacy === 'private' || member.privacy === 'protected')).toEqual([]);
    const publicProperties = Object.entries(properties)
      .filter(([, options]) => !options.state)
      .map(([name]) => name);
    for (const name of [...publicProperties, 'phase', 'start', 'stop', 'retake', 'captureNow']) {
      expect(
        members.map((member) => member.name),
        name,
      ).toContain(name);
    }
  });

  it('documents every part, slot and CSS custom property the element actually uses', async () => {
    // The markup: templates.ts, and the handoff and in-app browser screens it renders from handoff-templates.ts.
    const template = [
      await readFile(join(ROOT, 'src/element/templates.ts'), 'utf8'),
      await readFile(join(ROOT, 'src/element/handoff-templates.ts'), 'utf8'),
    ].join('\n');
    const styles = await readFile(join(ROOT, 'src/element/liveness-check.styles.ts'), 'utf8');
    const used = (pattern: RegExp, text: string) =>
      [...new Set([...text.matchAll(pattern)].flatMap((match) => match[1]!.split(/\s+/)))].sort();
    const names = (entries: Array<{ name: string }> | undefined) => (entries ?? []).map((entry) => entry.name).sort();
    expect(names(element.cssParts)).toEqual(used(/\spart="([^"$]+)"/g, template));
    expect(names(element.slots)).toEqual(used(/<slot name="([^"]+)"/g, template));
    expect(names(element.cssProperties)).toEqual(used(/var\((--liveness-[a-z-]+)/g, styles));
  });

  it('types every event, and lists slots, parts and CSS custom properties', () => {
    expect(element.events?.length).toBeGreaterThanOrEqual(7);
    for (const event of element.events ?? [])
      expect(event.type?.text, event.name).toMatch(/^CustomEvent<Liveness\w+Detail>$/);
    expect(element.slots?.length).toBeGreaterThan(0);
    expect(element.cssParts?.map((part) => part.name)).toContain('start-button');
    expect(element.cssProperties?.every((property) => property.name.startsWith('--liveness-'))).toBe(true);
  });
});
