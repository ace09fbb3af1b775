import type { Starter } from './build.ts';
import { birthdayCoupon } from './birthday-coupon.ts';
import { cartAbandonment } from './cart-abandonment.ts';
import { clinicAftercare } from './clinic-aftercare.ts';
import { courseByInterest } from './course-by-interest.ts';
import { inflowWelcome } from './inflow-welcome.ts';
import type { StarterKeyName } from './keys.ts';
import { seminarReminder } from './seminar-reminder.ts';
import { welcomeSeries } from './welcome-series.ts';

export type { Starter } from './build.ts';

/** The starter gallery, keyed and in gallery order. */
export const STARTERS: { readonly [K in StarterKeyName]: Starter } = {
  welcomeSeries, cartAbandonment, seminarReminder, birthdayCoupon, clinicAftercare, courseByInterest, inflowWelcome,
};
