/**
 * Options container for the reply profile and crisis flag (validated storage items in
 * lib/settings.ts). Plugs into the options page as <ProfileSection />.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { ProfileForm, type ProfileFormValue } from '@/components/options/ProfileForm';
import { ReplyProfileSchema, readSetting, settingItems, writeSetting } from '@/lib/settings';

export function ProfileSection() {
  const { t } = useI18n();
  const [value, setValue] = useState<ProfileFormValue>({ agentName: '', brandName: '', crisis: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saved' | 'invalid'>('idle');

  useEffect(() => {
    void Promise.all([readSetting(settingItems.replyProfile), readSetting(settingItems.crisisMode)]).then(([p, crisis]) => setValue({ ...p, crisis }));
  }, []);

  const save = () => {
    const parsed = ReplyProfileSchema.safeParse({ agentName: value.agentName, brandName: value.brandName });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t('profile.error.tooLong')])));
      setStatus('invalid');
      return;
    }
    setErrors({});
    void Promise.all([writeSetting(settingItems.replyProfile, parsed.data), writeSetting(settingItems.crisisMode, value.crisis)]).then(() => setStatus('saved'));
  };

  return (
    <ProfileForm
      value={value}
      onChange={(v) => {
        setValue(v);
        setStatus('idle');
      }}
      onSave={save}
      errors={errors}
      status={status}
    />
  );
}
