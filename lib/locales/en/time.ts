/** Time engine: platform reply windows shown beside the team SLA (lib/time/sla.ts). */
export const time = {
  'time.window.meta-standard': 'Meta 24-hour messaging window',
  'time.window.meta-human-agent': 'Meta human-agent window (7 days)',
  'time.window.tiktok-dm': 'TikTok 48-hour reply window (up to 10 replies)',
  'time.window.facebook-very-responsive': 'Facebook “Very responsive” pace (15 minutes)',
  'time.window.closesIn': '{name} closes in {time}',
  'time.window.closed': '{name} has closed',
} as const;
