import { mathEnvironment } from './environment.js';

export default mathEnvironment;
export { mathEnvironment };
export { MathConfigSchema, type MathConfig } from './config.js';
export type { MathTask, AnswerStyle } from './math-task.js';
export { MATH_TOOLS, type MathTools } from './tools.js';
export { extractAnswer, type Extraction, type ExtractionRule, type ExtractOptions } from './extract/extract-answer.js';
export { lastBoxed } from './extract/boxed.js';
export { isEquivalent, type EquivalenceVerdict, type EquivalenceRule } from './equivalence/is-equivalent.js';
export { normalizeAnswer } from './equivalence/normalize-answer.js';
export { gradeCase, gradeJsonl, type GradeVerdict, type GradeOptions, type JsonlVerdict } from './grade.js';
export { gradeCaseInline } from './grade-inline.js';
export { closeGradingPool, DEFAULT_GRADE_TIMEOUT_MS } from './pool/grade-pool.js';
export { tallyAgreement, formatAgreement, type Agreement } from './agreement.js';
export { loadDataset, type DatasetRecord, type DatasetFormat } from './loaders/load-dataset.js';
export { proceduralTasks, proceduralTask } from './procedural-tasks.js';
export { FAMILY_NAMES, type FamilyName } from './generators/families.js';
export { perturbReference } from './perturb-reference.js';
