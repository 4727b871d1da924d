export { diffBoots, regressions, findingKey, delta, type BootDiff, type DiffSide, type Delta, type UnitDelta, type OrderPair, type Relation, type FindingChange, type Regression, type RegressionOptions } from './diff.js';
export { renderDiffText, renderDiffMarkdown, orderSentence, type DiffRenderOptions } from './render.js';
