import { NEXT_OUTPUT_ID } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';

// Whether the friend may enter (re-entry policy, trigger matching) is decided before a run exists,
// by whoever creates runs; once the run is here it simply moves on.
export const triggerRunner: NodeRunner<'trigger'> = {
  enter: () => ({ kind: 'continue', output: NEXT_OUTPUT_ID }),
};
