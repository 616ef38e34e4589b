/** Overlays on the platform pages: the response timer badge. */
export const overlay = {
  // Badge text of a conversation the team has answered (no timer running).
  'overlay.timer.answered': 'Replied',
  // Badge text when the waiting time cannot be read.
  'overlay.timer.unknown': '?',

  // Accessible labels (screen readers, tooltip).
  'overlay.timer.label.waiting': 'Waiting {waited}, due in {left}',
  'overlay.timer.label.overdue': 'Waiting {waited}, overdue by {over}',
  'overlay.timer.label.dueAt': '{status}; due {at}',
  'overlay.timer.label.answered': 'Answered, no reply due',
  'overlay.timer.label.unknown': 'Waiting time unknown',
  'overlay.timer.label.named': '{name}: {status}',

  // Long durations inside labels: the two largest units.
  'overlay.duration.days': { one: '{count} day', other: '{count} days' },
  'overlay.duration.hours': { one: '{count} hour', other: '{count} hours' },
  'overlay.duration.minutes': { one: '{count} minute', other: '{count} minutes' },
  'overlay.duration.underMinute': 'less than a minute',
  'overlay.duration.pair': '{a} {b}',
} as const;
