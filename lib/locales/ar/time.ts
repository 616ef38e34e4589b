/** محرك الوقت: نوافذ الرد التي تفرضها المنصات بجانب هدف الفريق. */
import type { time as enTime } from '../en/time';
import type { MessageValue } from '../en';

export const time: { readonly [K in keyof typeof enTime]: MessageValue } = {
  'time.window.meta-standard': 'نافذة المراسلة القياسية في Meta ‏(24 ساعة)',
  'time.window.meta-human-agent': 'نافذة الموظف البشري في Meta ‏(7 أيام)',
  'time.window.tiktok-dm': 'نافذة الرد في TikTok ‏(48 ساعة، حتى 10 ردود)',
  'time.window.facebook-very-responsive': 'معيار «سريع الاستجابة» في Facebook ‏(15 دقيقة)',
  'time.window.closesIn': '{name} تُغلق خلال {time}',
  'time.window.closed': '{name} مُغلقة',
};
