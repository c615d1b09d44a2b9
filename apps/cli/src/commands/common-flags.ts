import type { Command } from 'commander';
import { addModelFlags } from '../options/model-flags.js';
import { intArg, keyValueArg, numberArg } from '../options/parsers.js';
import { addRunSafetyFlags } from './run-safety-flags.js';
import { addQueueFlags } from '../queue/queue-flags.js';

/** Adds the flags shared by `run` and `sweep`. */
export function addCommonFlags(cmd: Command): Command {
  return addQueueFlags(addModelFlags(addRunSafetyFlags(cmd)))
    .option('--env <name>', 'environment name (see `crucible envs`) or a path to an environment package')
    .option('--model <name>', 'model name on the endpoint, or `sim` for the built-in simulated model')
    .option('--base-url <url>', 'OpenAI-compatible endpoint (default: OPENAI_BASE_URL, else api.openai.com); key from OPENAI_API_KEY')
    .option('--judge <model>', 'LLM judge for --aggregate best on environments without their own check (`sim` for the simulated judge)')
    .option('--judge-base-url <url>', 'endpoint of the judge (default: the same as --base-url)')
    .option('--tasks <n>', 'number of tasks', intArg(1))
    .option('--concurrency <n>', 'episodes in flight at once (default 8)', intArg(1, 4096))
    .option('--seed <n>', 'seed for task generation and sampling (default 0)', intArg(0))
    .option('--epochs <n>', 'repeat every task this many times (default 1)', intArg(1, 1000))
    .option('--dataset <path>', 'dataset file for the environment (sets env config `dataset`)')
    .option('--env-config <key=value>', 'environment config field (repeatable)', keyValueArg)
    .option('--config <file>', 'JSON config file; flags win over it')
    .option('--out <dir>', 'runs directory (default ./runs)')
    .option('--run-id <id>', 'run id; an existing one resumes that run, running only unrecorded episodes')
    .option('--shard <i/n>', 'run only shard i of n (deterministic by episode id)')
    .option('--max-run-tokens <n>', 'stop starting episodes once the run used this many tokens', intArg(1))
    .option('--max-run-cost <usd>', 'stop starting episodes once the run cost this much (needs a price)', numberArg(0))
    .option('--price <kind=usd>', 'price per million tokens: input=, output=, cachedInput= (repeatable)', keyValueArg)
    .option('--judge-price <kind=usd>', "the judge's price per million tokens (its tokens are charged at this rate), as --price", keyValueArg)
    .option('--unsafe-no-sandbox', 'allow environments to run commands without a sandbox when bubblewrap is missing')
    .option('--allow-setup-network', "let an environment's setup commands (code-repo: setup_command) use the network; same as --env-config allowSetupNetwork=true")
    .option('--no-trajectories', 'do not write trajectory files')
    .option('--cache <mode>', 'response cache: off | read-write | replay (replay: a miss is an error; for deterministic, free CI runs)', 'off')
    .option('--cache-dir <dir>', 'where the response cache (cassette) lives', '.crucible-cache/responses');
}
