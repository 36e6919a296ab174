/**
 * `npm test` refuses an import cycle anywhere, type-only imports included:
 * a cycle held together by `import type` still ties two layers into one
 * (issue 16). The layers' directions are ESLint's (eslint.config.js).
 */
module.exports = {
  forbidden: [{ name: "no-circular", comment: "modules that import each other, directly or around a loop", severity: "error", from: {}, to: { circular: true } }],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.web.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
