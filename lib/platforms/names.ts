/** Display names of the platforms: proper nouns, the same in every language. */
import type { PlatformId } from './types';

export const PLATFORM_NAMES: Readonly<Record<PlatformId, string>> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};
