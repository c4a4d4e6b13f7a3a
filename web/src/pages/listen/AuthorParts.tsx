// The parts of an author's influence score in words: "replied to by 4 relevant authors".
import { useTranslation } from 'react-i18next';

export type { AuthorDetailData, AuthorSummary, PartKey } from './StoryParts.tsx';

import type { PartKey } from './StoryParts.tsx';

export function PartText({ part }: { part: { key: PartKey; count: number } }) {
  const { t } = useTranslation();
  return (
    <span data-testid={`author-part-${part.key}`}>
      {t(`listen.authors.parts.${part.key}`, { count: part.count })}
    </span>
  );
}
