// The journeys publish the same step-delivery scenario the demo seeds, with texts of their own.
import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';

/** The sample scenario with its Japanese case label, as the demo seeds it. */
export function stepScenario(options: Omit<Parameters<typeof welcomeSeriesScenario>[0], 't'>) {
  return welcomeSeriesScenario({ t: createTranslator('ja'), ...options });
}
