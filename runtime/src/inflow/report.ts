import type { RouteReport, RouteReportQuery } from '@lsb/shared/api';
import { reportCounts, reportRoutes } from '../store/inflow.ts';
import { reportConversions } from '../store/inflow-conversions.ts';
import type { Db } from '../store/tx.ts';
import { badRequest } from '../errors.ts';

/** The longest range one report covers. */
const MAX_REPORT_DAYS = 366;
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

/** Today's date in the zone, as YYYY-MM-DD. */
function dateIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function addDays(date: string, days: number): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(at) ? '' : new Date(at + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Per route and day (in the workspace's zone): friends who followed through the route, friends
 * whose route it is who blocked the account that day, and those of them who converted (each friend
 * once a day; the total counts each friend once in the period, so it may be less than the days' sum).
 */
export async function routeReport(db: Db, workspaceId: string, timeZone: string, query: RouteReportQuery, now: Date): Promise<RouteReport> {
  const to = query.to ?? dateIn(timeZone, now);
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (addDays(from, 0) !== from || addDays(to, 0) !== to) throw badRequest('invalid_date', 'Dates must be real calendar dates (YYYY-MM-DD).');
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (days < 1) throw badRequest('invalid_range', '`from` must not be after `to`.');
  if (days > MAX_REPORT_DAYS) throw badRequest('range_too_long', `A report covers at most ${MAX_REPORT_DAYS} days.`);

  const [routes, counts, conversions] = await Promise.all([
    reportRoutes(db, workspaceId),
    reportCounts(db, workspaceId, timeZone, from, addDays(to, 1)),
    reportConversions(db, workspaceId, timeZone, from, addDays(to, 1)),
  ]);
  const byRoute = new Map<string, Map<string, { added: number; blocked: number; converted: number }>>();
  const at = (routeId: string, day: string) => {
    const perDay = byRoute.get(routeId) ?? new Map();
    byRoute.set(routeId, perDay);
    return perDay.get(day) ?? perDay.set(day, { added: 0, blocked: 0, converted: 0 }).get(day)!;
  };
  for (const row of counts) Object.assign(at(row.route_id, row.day), { added: row.added, blocked: row.blocked });
  const convertedInPeriod = new Map<string, number>();
  for (const row of conversions) {
    if (row.day === null) convertedInPeriod.set(row.route_id, row.converted);
    else at(row.route_id, row.day).converted = row.converted;
  }
  const dates = Array.from({ length: days }, (_, index) => addDays(from, index));
  return {
    from, to, timeZone, conversionsAvailable: true,
    routes: routes.filter((route) => !route.deletedAt || byRoute.has(route.id)).map((route) => {
      const perDay = byRoute.get(route.id);
      const series = dates.map((date) => ({ date, added: perDay?.get(date)?.added ?? 0, blocked: perDay?.get(date)?.blocked ?? 0, converted: perDay?.get(date)?.converted ?? 0 }));
      return {
        routeId: route.id, name: route.name, deleted: route.deletedAt !== null, days: series,
        totals: {
          added: series.reduce((n, day) => n + day.added, 0), blocked: series.reduce((n, day) => n + day.blocked, 0),
          converted: convertedInPeriod.get(route.id) ?? 0,
        },
      };
    }),
  };
}
