import { ReferenceService } from '../../reference/reference.service';
import { Area } from './participation-view';

/** The municipality and region selects' options (console-options), the area's own selected. */
export async function areaChoices(reference: ReferenceService, area: Area) {
  const [municipalities, regions] = await Promise.all([
    reference.listMunicipalities(),
    reference.listRegions(),
  ]);
  return {
    municipalities: municipalities.map((m) => ({
      value: m.code,
      label: m.name,
      selected: m.code === area.kommune,
    })),
    regions: regions.map((r) => ({ value: r.code, label: r.name, selected: r.code === area.region })),
  };
}
