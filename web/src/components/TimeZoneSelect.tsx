// A select of IANA time zones, grouped by region, Europe first.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneGroups } from '../timezones.ts';
import type { FieldControlProps } from './ui.tsx';

const REGIONS = [
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
] as const;
type Region = (typeof REGIONS)[number];

function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

interface Props extends FieldControlProps {
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
  testId?: string;
}

export function TimeZoneSelect({ value, onChange, disabled, testId, ...control }: Props) {
  const { t, i18n } = useTranslation();
  const groups = useMemo(() => timeZoneGroups(i18n.language, [value]), [i18n.language, value]);
  return (
    <select
      {...control}
      data-testid={testId}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
    >
      {groups.map((group) => (
        <optgroup
          key={group.region}
          label={isRegion(group.region) ? t(`timeZones.${group.region}`) : t('timeZones.other')}
        >
          {group.zones.map((zone) => (
            <option key={zone.id} value={zone.id}>
              {zone.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
