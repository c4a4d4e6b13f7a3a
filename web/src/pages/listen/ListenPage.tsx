// Listen: not built yet; the page says what it will do for the team.
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { ListenIcon } from '../../components/Icons.tsx';

export function ListenPage() {
  return <ComingSoon area="listen" icon={ListenIcon} />;
}
