/** The starter gallery's templates, in the order the gallery shows them. */
export const STARTER_KEYS = [
  'welcomeSeries', 'cartAbandonment', 'seminarReminder', 'birthdayCoupon', 'clinicAftercare', 'courseByInterest', 'inflowWelcome',
] as const;
export type StarterKeyName = (typeof STARTER_KEYS)[number];
