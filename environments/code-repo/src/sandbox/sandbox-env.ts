/** Names never passed into a sandbox, even if a caller asks for them. */
export const SECRET_NAME = /(_KEY|_TOKEN|_SECRET|_PASSWORD)$|^(OPENAI|AWS|ANTHROPIC|AZURE|GOOGLE|HF)_/i;

/**
 * The whole environment of a sandboxed command, built from scratch: PATH, HOME, LANG, TERM, a few
 * switches that keep test output plain and git's settings. Nothing else from the parent (API keys in particular) gets in.
 */
export function sandboxEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: process.env['LANG'] ?? 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    // git inside reads only the repository's own config, never prompts, and can commit or stash without a global identity.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'agent',
    GIT_AUTHOR_EMAIL: 'agent@sandbox.invalid',
    GIT_COMMITTER_NAME: 'agent',
    GIT_COMMITTER_EMAIL: 'agent@sandbox.invalid',
    ...extra,
  };
  for (const name of Object.keys(env)) {
    if (SECRET_NAME.test(name)) delete env[name];
  }
  return env;
}
