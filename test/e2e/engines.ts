import { createEngine } from '../../src/answer/engine.js';
import type { EngineFactory } from './harness.js';

/** The real engine over the bundled reports, lexical search, in the harness's temp folders. */
export const realEngine: EngineFactory = (config, logger) => createEngine({ config, logger });
