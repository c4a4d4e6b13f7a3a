// Measure: not built yet; the page says what it will do for the team.
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { MeasureIcon } from '../../components/Icons.tsx';

export function MeasurePage() {
  return <ComingSoon area="measure" icon={MeasureIcon} />;
}
