import { hostname } from 'node:os';
import { EPISODE_FORMAT_VERSION, hashOf, type ModelIdentity, type RunManifest, type Task } from '@crucible/core';
import { TEST_DOUBLE_NOTICE } from '@crucible/report';
import type { RunOptions } from './run-config.js';

/** The stable part of run.json: a resume must match it (its hash is `identityHash`). */
export function runIdentity(options: RunOptions, model: ModelIdentity, taskIds: string[]) {
  return {
    env: { name: options.env.name, version: options.env.version, config: options.envConfig },
    model,
    judge: options.judge ? { name: options.judge.model, testDouble: options.judge.testDouble } : undefined,
    points: options.points,
    epochs: options.epochs,
    seed: options.seed,
    tasks: hashOf(taskIds),
  };
}

/** `run.json` of this attempt of a run: its identity and how it was started. */
export function runManifest(options: RunOptions, model: ModelIdentity, tasks: readonly Task[]): RunManifest {
  const ids = tasks.map((t) => t.id);
  const identity = runIdentity(options, model, ids);
  return {
    format: EPISODE_FORMAT_VERSION,
    runId: options.runId,
    createdAt: new Date().toISOString(),
    identityHash: hashOf(identity),
    ...identity,
    points: options.points as RunManifest['points'],
    tasks: { count: tasks.length, ids },
    limit: options.limit,
    concurrency: options.concurrency,
    shard: options.shard,
    budget: options.budget,
    price: options.price,
    judgePrice: options.judgePrice,
    poolOf: options.poolOf,
    testDouble: model.testDouble ? TEST_DOUBLE_NOTICE : undefined,
    command: options.command,
    host: { hostname: hostname(), node: process.version, platform: process.platform },
  };
}
