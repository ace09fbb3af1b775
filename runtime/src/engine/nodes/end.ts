import type { NodeRunner } from '../runner.ts';

export const endRunner: NodeRunner<'end'> = {
  enter: () => ({ kind: 'finish' }),
};
