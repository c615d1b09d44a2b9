/**
 * The `@crucible/env-math/grading` entry: grading from outside an episode (`crucible grade math`). It loads
 * extraction and the worker pool only; the algebra libraries load in the grading workers, not in the caller.
 */
export { gradeCase, gradeJsonl, type GradeVerdict, type GradeOptions, type JsonlVerdict } from './grade.js';
export { closeGradingPool, DEFAULT_GRADE_TIMEOUT_MS } from './pool/grade-pool.js';
export { tallyAgreement, formatAgreement, type Agreement } from './agreement.js';
