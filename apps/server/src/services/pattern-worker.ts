// The pattern worker thread: runs the pattern engine (packages/domain, pure) on a large chronology for
// pattern-runner.ts. It gets the visible entries and everything else the engine reads as plain data.
import { analysePatterns, type PatternInput } from '@mac/domain';
import { serveTasks } from '@mac/threads/serve-tasks';

serveTasks((input: PatternInput) => ({ value: analysePatterns(input) }));
