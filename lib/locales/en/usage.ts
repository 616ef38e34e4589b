/** Personal after-hours usage: the popup and its options section (issue 5). */
export const usage = {
  'usage.title': 'Your after-hours time',
  'usage.loading': 'Loading…',
  'usage.error': 'Could not load your usage: {message}',
  'usage.privacy': 'Stored only in this browser. Never synced, never sent to the team server, never seen by a lead.',
  'usage.settings': 'Working hours and your data',

  'usage.empty.title': 'No inbox time yet',
  'usage.empty.body':
    'Baton counts time while a supported inbox is the focused tab and you are at the keyboard, and shows here how much of it fell outside your working hours.',

  'usage.today': 'Today after hours',
  'usage.week': 'Last 7 days after hours',
  'usage.change.up': '{percent} more than the 7 days before',
  'usage.change.down': '{percent} less than the 7 days before',
  'usage.change.same': 'Same as the 7 days before',
  'usage.change.none': 'Nothing to compare with yet',
  'usage.todayVsLastWeek': 'Same day last week: {time}',

  'usage.chart.title': 'Last 7 days',
  'usage.chart.inHours': 'In working hours',
  'usage.chart.afterHours': 'After hours',
  'usage.chart.day': 'Day',
  'usage.chart.showTable': 'Show as a table',
  'usage.chart.hideTable': 'Hide the table',
  'usage.chart.summary': '{after} after hours and {in} in working hours over the last 7 days.',

  'usage.trend.title': 'After hours, last 4 weeks',
  'usage.trend.week': '{from} – {to}',
  'usage.trend.thisWeek': 'This week',

  'usage.lateNights': 'Late nights',
  'usage.lateNights.value': { one: '{count} night', other: '{count} nights' },
  'usage.lateNights.hint': 'Days with inbox time between 22:00 and 05:00',
  'usage.longest': 'Longest after-hours stretch',
  'usage.longest.none': 'None',
  'usage.longest.hint': 'Breaks shorter than 5 minutes do not end a stretch',

  'usage.platforms.title': 'By platform, last 7 days',
  'usage.platforms.platform': 'Platform',

  'usage.shift.off': 'You’re off shift',
  'usage.shift.next': 'Your next shift starts {time}.',
  'usage.shift.noNext': 'No upcoming shift in your working hours.',
  'usage.shift.on': 'On shift',
  'usage.shift.onUntil': 'On shift until {time}',
  'usage.shift.coverage': 'Who covers the team right now will show here once your team shares a queue.',

  'usage.nudge.budget': 'You spent {time} on the inboxes after hours in the last 7 days — more than the {budget} you set.',
  'usage.nudge.lateNights': {
    one: 'You were on the inboxes late on {count} night this week. Rest counts too.',
    other: 'You were on the inboxes late on {count} nights this week. Rest counts too.',
  },
  'usage.nudge.dismiss': 'Dismiss',

  'usage.duration.underMinute': 'under 1 min',
  'usage.duration.minutes': '{m} min',
  'usage.duration.hours': '{h} h {m} min',
  'usage.duration.hoursOnly': '{h} h',

  'usageOptions.title': 'After-hours usage',
  'usageOptions.intro':
    'Baton counts your own time on the inboxes outside these hours. It stays in this browser: never synced, never sent to the team server, never seen by a lead.',
  'usageOptions.schedule': 'Your working hours',
  'usageOptions.nudges': 'Gentle nudges (off unless you set them)',
  'usageOptions.budget': 'Weekly after-hours budget (hours, blank = off)',
  'usageOptions.lateNights': 'Late nights per week before a nudge (1–7, blank = off)',
  'usageOptions.error.budget': 'Enter hours greater than 0 (up to 168), or leave blank.',
  'usageOptions.error.lateNights': 'Enter a whole number from 1 to 7, or leave blank.',
  'usageOptions.data': 'Your data',
  'usageOptions.exportJson': 'Export (JSON)',
  'usageOptions.exportCsv': 'Export (CSV)',
  'usageOptions.delete': 'Delete my usage data',
  'usageOptions.deleteConfirm': 'Delete all after-hours usage stored in this browser? This cannot be undone.',
  'usageOptions.deleteYes': 'Delete everything',
  'usageOptions.cancel': 'Cancel',
  'usageOptions.deleted': 'Your usage data was deleted.',
  'usageOptions.failed': 'That did not work: {message}',
} as const;
