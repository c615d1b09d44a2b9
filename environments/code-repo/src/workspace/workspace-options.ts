/**
 * How much of the repository's past an episode workspace shows: `full-past` = every ancestor of the base commit,
 * `none` = the base commit alone (a shallow repository of depth 1). Neither holds anything made after base.
 */
export const WORKSPACE_HISTORIES = ['full-past', 'none'] as const;

/** See {@link WORKSPACE_HISTORIES}. */
export type WorkspaceHistory = (typeof WORKSPACE_HISTORIES)[number];

/**
 * How an episode workspace is made from its cached base checkout: `overlay` mounts an overlay filesystem over it
 * (needs root or CAP_SYS_ADMIN in the harness's own mount namespace), `copy` copies it (`cp -a --reflink=auto`),
 * `auto` takes overlay when a probe mount works and copy otherwise.
 */
export const WORKSPACE_MODES = ['auto', 'overlay', 'copy'] as const;

/** See {@link WORKSPACE_MODES}. */
export type WorkspaceMode = (typeof WORKSPACE_MODES)[number];
