'use strict';
/*
 * `npm run lint` fails when the modules of src/ depend on each other in a circle.
 *
 * A module is a folder directly under src/ (src/planning/**, subfolders included); a file directly
 * in src/ (paths.ts, main.ts, app.module.ts) is a node of its own. dependency-cruiser reads the
 * import graph (options in .dependency-cruiser.cjs); this script folds it to modules and reports
 * every strongly connected component of more than one module, with the imports that close it.
 * `node lint/module-cycles.cjs --graph` also prints the modules layer by layer with what each uses.
 *
 * dependency-cruiser's own `scope: 'folder'` rules see each folder apart, so a circle that
 * reaches into a module's subfolder (src/a/x.ts → src/b/y.ts → src/a/sub/z.ts) passes unseen
 * there; hence the folding here.
 */

/** The module a file belongs to, or null for a file outside src/. */
function moduleOf(file) {
  const inFolder = /^src\/([^/]+)\/./.exec(file);
  if (inFolder) return inFolder[1];
  const atRoot = /^src\/([^/]+)\.[cm]?[jt]s$/.exec(file);
  return atRoot ? atRoot[1] : null;
}

/**
 * The module graph of file-level imports: module → module → the imports ({ from, to }) behind
 * the edge. Imports within a module and from or to files outside src/ are left out.
 */
function moduleGraph(imports) {
  const graph = new Map();
  for (const { from, to } of imports) {
    const a = moduleOf(from);
    const b = moduleOf(to);
    if (a === null || b === null || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.has(b)) graph.set(b, new Map());
    const edges = graph.get(a);
    if (!edges.has(b)) edges.set(b, []);
    edges.get(b).push({ from, to });
  }
  return graph;
}

/** Tarjan's strongly connected components of more than one module, each sorted, in name order. */
function stronglyConnected(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of [...graph.get(node).keys()].sort()) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((x, y) => x[0].localeCompare(y[0]));
}

/** A shortest circle within the component, as a list of modules ending where it began. */
function shortestCircle(graph, component) {
  return component
    .map((start) => circleThrough(graph, component, start))
    .reduce((best, circle) => (circle.length < best.length ? circle : best));
}

/** A shortest circle through `start` within the component. */
function circleThrough(graph, component, start) {
  const inside = new Set(component);
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of [...graph.get(node).keys()].sort()) {
      if (!inside.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== null; at = previous.get(at)) path.unshift(at);
        return path;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}

/** The circles of the graph, each with the imports along one circle: empty when there are none. */
function moduleCycles(imports) {
  const graph = moduleGraph(imports);
  return stronglyConnected(graph).map((component) => {
    const circle = shortestCircle(graph, component);
    const edges = circle.slice(1).map((to, i) => ({
      from: circle[i],
      to,
      imports: graph.get(circle[i]).get(to),
    }));
    return { modules: component, circle, edges };
  });
}

/**
 * The modules from the bottom up: each with its layer (0 for a module that uses none, otherwise one
 * above the highest module it uses) and the modules it uses. For a graph without circles.
 */
function layers(graph) {
  const layer = new Map();
  const depth = (node) => {
    if (!layer.has(node)) {
      layer.set(node, 0);
      layer.set(node, Math.max(-1, ...[...graph.get(node).keys()].map(depth)) + 1);
    }
    return layer.get(node);
  };
  return [...graph.keys()]
    .map((module) => ({ module, layer: depth(module), uses: [...graph.get(module).keys()].sort() }))
    .sort((a, b) => a.layer - b.layer || a.module.localeCompare(b.module));
}

function describe(cycles) {
  const lines = [];
  for (const { modules, circle, edges } of cycles) {
    lines.push(`Module circle among ${modules.join(', ')}: ${circle.join(' → ')}`);
    for (const edge of edges) {
      const shown = edge.imports.slice(0, 3).map((i) => `      ${i.from} imports ${i.to}`);
      const more = edge.imports.length > 3 ? [`      … and ${edge.imports.length - 3} more`] : [];
      lines.push(`  ${edge.from} → ${edge.to}:`, ...shown, ...more);
    }
  }
  return lines.join('\n');
}

/** The file-level imports of src/ as dependency-cruiser resolves them. */
async function importsOf(directory) {
  const { cruise } = await import('dependency-cruiser');
  const { default: extractDepcruiseOptions } =
    await import('dependency-cruiser/config-utl/extract-depcruise-options');
  const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const { output } = await cruise([directory], options, {}, { tsConfig: extractTSConfig('tsconfig.json') });
  return output.modules.flatMap((module) =>
    module.dependencies
      .filter((d) => !d.coreModule && !d.couldNotResolve && d.resolved.startsWith(`${directory}/`))
      .map((d) => ({ from: module.source, to: d.resolved })),
  );
}

async function main() {
  const imports = await importsOf('src');
  const cycles = moduleCycles(imports);
  if (cycles.length > 0) {
    console.error(describe(cycles));
    console.error(
      `\n✖ ${cycles.length} circle(s) between the modules of src/: a module may use only modules below it.`,
    );
    process.exitCode = 1;
    return;
  }
  const graph = moduleGraph(imports);
  if (process.argv.includes('--graph')) {
    for (const { module, layer, uses } of layers(graph)) {
      console.log(`${String(layer).padStart(2)}  ${module.padEnd(14)} ${uses.join(', ')}`);
    }
  }
  console.log(`✔ No circle between the ${graph.size} modules of src/ (${imports.length} imports).`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

module.exports = { moduleOf, moduleGraph, moduleCycles, layers, describe };
