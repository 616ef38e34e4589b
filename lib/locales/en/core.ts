/** Core strings: the extension itself and adapter health. */
export const core = {
  'app.name': 'Baton',
  'app.description': 'Response timers, canned replies and a shared queue inside your social inboxes.',

  // Platform health, shown in options.
  'health.title': 'Inbox recognition',
  'health.recognised': 'Recognised',
  'health.notRecognised': 'Layout not recognised',
  'health.notSeen': 'Not opened yet',
  'health.checkedAt': 'Last checked {time}',
  'health.missing': 'Missing: {names}',
} as const;
