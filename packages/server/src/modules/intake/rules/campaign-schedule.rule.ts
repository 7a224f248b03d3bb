import { Weekday } from '../../campaigns/requirement-enums.js';
import { parseClock } from '../../../shared/local-time.js';
import { ReasonCode } from '../../leads/reason-code.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

const ORDER = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT, Weekday.SUN];
const previousDay = (day: Weekday) => ORDER[(ORDER.indexOf(day) + 6) % 7]!;

/**
 * Campaign schedule: outside every weekly window of the campaign, on its wall clock. A window
 * whose end is before its start runs past midnight into the next day. No windows: always open.
 */
export function campaignScheduleRule(): CheckRule {
  return {
    stage: 'campaign-schedule',
    structural: false,
    check(_lead, { campaign, local }) {
      if (campaign.schedule.length === 0) return PASS;
      const open = campaign.schedule.some((w) => {
        const start = parseClock(w.start);
        const end = parseClock(w.end);
        if (start < end) return w.days.includes(local.weekday) && local.minutes >= start && local.minutes < end;
        // Overnight: the evening part belongs to the listed day, the morning part to the day after.
        return (
          (w.days.includes(local.weekday) && local.minutes >= start) || (w.days.includes(previousDay(local.weekday)) && local.minutes < end)
        );
      });
      return open ? PASS : reject(ReasonCode.CAMPAIGN_SCHEDULE);
    },
  };
}
