// The journeys publish the same step-delivery scenario the demo seeds, with texts of their own.
export { welcomeSeriesScenario as stepScenario, type WelcomeSeriesTexts as StepScenarioTexts } from '@lsb/shared';
