// Plugins for @custom-elements-manifest/analyzer (see custom-elements-manifest.config.mjs). The analyzer reads the
// element's JSDoc and Lit's `static properties`; these fill the gaps so the published manifest describes the
// public API exactly as integrators use it from the npm package.
import { readFileSync } from 'node:fs';

/**
 * Lit `static properties` entries with `state: true` are internal reactive state: no attribute. The analyzer's Lit
 * support only knows decorators and `static get properties()` for this, so drop those attributes here.
 */
export function litStateProperties() {
  const stateByClass = new Map();
  return {
    name: 'liveness:lit-state-properties',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const names = new Set();
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || !ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const property of member.initializer.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
          const isState = property.initializer.properties.some(
            (option) =>
              ts.isPropertyAssignment(option) &&
              option.name.getText() === 'state' &&
              option.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) names.add(property.name.getText());
        }
      }
      stateByClass.set(node.name.getText(), names);
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const state = stateByClass.get(declaration.name);
        if (!state) continue;
        declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !state.has(attribute.fieldName));
        for (const member of declaration.members ?? []) if (state.has(member.name)) delete member.attribute;
      }
    },
  };
}

/** Private and protected members, and declarations a module does not export, are not part of the API. */
export function publicApiOnly() {
  return {
    name: 'liveness:public-api-only',
    moduleLinkPhase({ moduleDoc }) {
      const exported = new Set((moduleDoc.exports ?? []).map((entry) => entry.declaration?.name));
      moduleDoc.declarations = (moduleDoc.declarations ?? []).filter((declaration) => exported.has(declaration.name));
      for (const declaration of moduleDoc.declarations) {
        if (!declaration.members) continue;
        declaration.members = declaration.members.filter(
          (member) => member.privacy !== 'private' && member.privacy !== 'protected',
        );
      }
    },
  };
}

/** Each event's type, read from the `LivenessEventMap` interface (`'liveness-ready': CustomEvent<…>`). */
export function eventTypesFrom(file, interfaceName) {
  const types = new Map();
  return {
    name: 'liveness:event-types',
    initialize({ ts }) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      ts.forEachChild(source, (node) => {
        if (!ts.isInterfaceDeclaration(node) || node.name.text !== interfaceName) return;
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type)
            types.set(member.name.getText().replace(/^['"]|['"]$/g, ''), member.type.getText());
        }
      });
      if (types.size === 0) throw new Error(`${file}: no ${interfaceName} interface with events`);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of classes(customElementsManifest)) {
        if (!declaration.customElement) continue;
        const documented = new Set();
        for (const event of declaration.events ?? []) {
          const type = types.get(event.name);
          if (!type)
            throw new Error(
              `event ${event.name} is documented on ${declaration.name} but missing from ${interfaceName}`,
            );
          event.type = { text: type };
          documented.add(event.name);
        }
        const undocumented = [...types.keys()].filter((name) => !documented.has(name));
        if (undocumented.length > 0)
          throw new Error(`${declaration.name} has no @event for ${undocumented.join(', ')}`);
      }
    },
  };
}

/**
 * `customElements.define(TAG_NAME, …)` names a constant; the analyzer records the identifier, so resolve it to
 * the constant's string value.
 */
export function tagNameFromConstants() {
  return {
    name: 'liveness:tag-name-from-constants',
    packageLinkPhase({ customElementsManifest }) {
      const constants = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const literal = /^(['"])([a-z][a-z0-9-]*-[a-z0-9-]*)\1$/.exec(declaration.default ?? '');
          if (declaration.kind === 'variable' && literal) constants.set(declaration.name, literal[2]);
        }
      }
      for (const module of customElementsManifest.modules) {
        for (const entry of module.exports ?? []) {
          if (entry.kind === 'custom-element-definition' && constants.has(entry.name))
            entry.name = constants.get(entry.name);
        }
        for (const declaration of module.declarations ?? []) {
          if (declaration.customElement && constants.has(declaration.tagName))
            declaration.tagName = constants.get(declaration.tagName);
        }
      }
    },
  };
}

/**
 * Paths as published: `src/x.ts` is `dist/esm/x.js` in the package. Re-exports point at the module that declares
 * the class (the analyzer points a re-export at the re-exporting module).
 */
export function publishedPaths(fromDir, toDir) {
  const publish = (path) =>
    path
      .replace(/^\/?/, '')
      .replace(new RegExp(`^${fromDir}/`), `${toDir}/`)
      .replace(/\.ts$/, '.js');
  return {
    name: 'liveness:published-paths',
    packageLinkPhase({ customElementsManifest }) {
      const declaredIn = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) declaredIn.set(declaration.name, module.path);
      }
      for (const module of customElementsManifest.modules) {
        const own = new Set((module.declarations ?? []).map((declaration) => declaration.name));
        for (const entry of module.exports ?? []) {
          const target = entry.declaration;
          if (!target) continue;
          if (!own.has(target.name) && declaredIn.has(target.name)) target.module = declaredIn.get(target.name);
          target.module = publish(target.module);
        }
        module.path = publish(module.path);
      }
    },
  };
}

function* classes(manifest) {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) if (declaration.kind === 'class') yield declaration;
  }
}
