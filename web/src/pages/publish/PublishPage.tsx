// Publish: not built yet; the page says what it will do for the team.
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { PublishIcon } from '../../components/Icons.tsx';

export function PublishPage() {
  return <ComingSoon area="publish" icon={PublishIcon} />;
}
