// Guidelines: not built yet; the page says what it will do for the team.
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { GuidelinesIcon } from '../../components/Icons.tsx';

export function GuidelinesPage() {
  return <ComingSoon area="guidelines" icon={GuidelinesIcon} />;
}
