export { startRedisServer } from './redis-server.js';
export type { RedisServer, RedisServerOptions } from './redis-server.js';
export { fixtureJob, fixtureRunJob } from './fixture-episodes.js';
export type { FixtureJobOptions } from './fixture-episodes.js';
