// The fake's insight API (GET /v2/bot/insight/message/event/aggregation), served from its own
// delivery log: every message delivered under a customAggregationUnit counts as displayed to its
// recipient (the fake has no phones to open it), so uniqueImpression is the distinct recipients and
// each bubble's impression its deliveries. Clicks happen on our tracked links, not in the fake, so
// uniqueClick is 0. As LINE does, figures below its privacy threshold (fewer than 20) are null.
import { INSIGHT_PRIVACY_THRESHOLD as PRIVACY_THRESHOLD } from '@lsb/shared/api';

const UNIT = /^[a-zA-Z0-9_]{1,30}$/;
const DATE = /^[0-9]{8}$/;
const JST_MS = 9 * 3_600_000;

interface UnitDelivery { userId: string; day: string; bubbles: number }

export class InsightLog {
  private readonly deliveries = new Map<string, UnitDelivery[]>();

  record(channelId: string, unit: string, userIds: readonly string[], bubbles: number, at: number): void {
    const day = new Date(at + JST_MS).toISOString().slice(0, 10).replaceAll('-', '');
    const list = this.deliveries.get(`${channelId}|${unit}`) ?? [];
    for (const userId of userIds) list.push({ userId, day, bubbles });
    this.deliveries.set(`${channelId}|${unit}`, list);
  }

  reset(): void {
    this.deliveries.clear();
  }

  /** The answer LINE gives, or its 400 for a bad unit name or date range (more than 30 days, to before from). */
  answer(channelId: string, query: Record<string, unknown>): { status: number; body: unknown } {
    const { customAggregationUnit: unit, from, to } = query;
    if (typeof unit !== 'string' || !UNIT.test(unit)) return { status: 400, body: { message: 'The value for the \'customAggregationUnit\' parameter is invalid' } };
    if (typeof from !== 'string' || typeof to !== 'string' || !DATE.test(from) || !DATE.test(to) || !validRange(from, to)) {
      return { status: 400, body: { message: 'The value for the \'from\' or \'to\' parameter is invalid' } };
    }
    const rows = (this.deliveries.get(`${channelId}|${unit}`) ?? []).filter((d) => d.day >= from && d.day <= to);
    const shown = (n: number) => (n < PRIVACY_THRESHOLD ? null : n);
    const bubbles = Math.max(0, ...rows.map((d) => d.bubbles));
    return {
      status: 200,
      body: {
        overview: { uniqueImpression: shown(new Set(rows.map((d) => d.userId)).size), uniqueClick: shown(0), uniqueMediaPlayed: null, uniqueMediaPlayed100Percent: null },
        messages: Array.from({ length: bubbles }, (_, i) => {
          const reached = rows.filter((d) => d.bubbles > i);
          return {
            seq: i + 1, impression: shown(reached.length), uniqueImpression: shown(new Set(reached.map((d) => d.userId)).size),
            mediaPlayed: null, mediaPlayed25Percent: null, mediaPlayed50Percent: null, mediaPlayed75Percent: null, mediaPlayed100Percent: null,
            uniqueMediaPlayed: null, uniqueMediaPlayed25Percent: null, uniqueMediaPlayed50Percent: null, uniqueMediaPlayed75Percent: null, uniqueMediaPlayed100Percent: null,
          };
        }),
        clicks: [],
      },
    };
  }
}

function validRange(from: string, to: string): boolean {
  const ms = (d: string) => Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00Z`);
  const [a, b] = [ms(from), ms(to)];
  return Number.isFinite(a) && Number.isFinite(b) && b >= a && b - a <= 30 * 86_400_000;
}
