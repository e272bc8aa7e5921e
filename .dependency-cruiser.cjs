/**
 * How dependency-cruiser reads the import graph of src/: TypeScript through tsconfig.json, type-only
 * imports included (a type is a dependency too), unit tests left out. `npm run lint` runs
 * lint/module-cycles.cjs on it, which fails on a circle between modules; `npx depcruise src`
 * uses the same options for a look at the file-level graph.
 */
module.exports = {
  forbidden: [],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
