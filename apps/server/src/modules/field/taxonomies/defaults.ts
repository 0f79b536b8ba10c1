import type { TaxonomyKind } from '@vigie/domain';

/**
 * What a new organisation starts with: HRO's areas (Calaisis, Dunkerquois) with their communes'
 * INSEE codes, and the lists observers pick from. All of it is data a coordinator edits in the
 * app; another observatory replaces it by configuration, not code.
 */
export const DEFAULT_AREAS: Array<{ code: string; name: string; communes: string[] }> = [
  {
    code: 'calaisis',
    name: 'Calaisis',
    communes: ['62193', '62239', '62548', '62774', '62645', '62397', '62360', '62623', '62043', '62244', '62408', '62156', '62654', '62307'],
  },
  {
    code: 'dunkerquois',
    name: 'Dunkerquois',
    communes: ['59183', '59271', '59359', '59588', '59273', '59155', '59340', '59668', '59107', '59131', '59159', '59094'],
  },
];

type Term = [code: string, fr: string, en: string];
/** Parts among the defaults ("tentes pleines d'affaires" are recorded under "tentes", issue 10). */
const PARTS: Record<string, string> = { tent_with_belongings: 'tent' };
const terms = (list: Term[]) => list.map(([code, labelFr, labelEn], i) => ({ code, labelFr, labelEn, sort: i * 10, partOf: PARTS[code] ?? null }));

export const DEFAULT_TERMS: Record<TaxonomyKind, Array<{ code: string; labelFr: string; labelEn: string; sort: number; partOf: string | null }>> = {
  item_type: terms([
    ['tent', 'Tentes', 'Tents'], ['tent_with_belongings', 'Tentes pleines d’affaires', 'Tents full of belongings'],
    ['tarp', 'Bâches', 'Tarps'], ['sleeping_bag', 'Sacs de couchage', 'Sleeping bags'], ['blanket', 'Couvertures', 'Blankets'],
    ['mattress', 'Matelas', 'Mattresses'], ['bag', 'Sacs', 'Bags'], ['pallet_wood', 'Palettes / bois', 'Pallets / wood'],
    ['chair', 'Chaises', 'Chairs'], ['bike', 'Vélos', 'Bikes'], ['phone_battery', 'Téléphones / batteries', 'Phones / batteries'],
    ['documents', 'Documents', 'Documents'], ['medicines', 'Médicaments', 'Medicines'],
  ]),
  structure_type: terms([
    ['shelter', 'Abris', 'Shelters'], ['shop', 'Commerces', 'Shops'], ['mosque', 'Mosquée', 'Mosque'],
    ['water_tank', 'Cuves d’eau', 'Water tanks'],
  ]),
  force_corps: terms([
    ['crs', 'CRS', 'CRS (riot police)'], ['gm', 'Gendarmerie mobile', 'Mobile gendarmerie'],
    ['pn', 'Police nationale', 'National police'], ['bac', 'BAC', 'BAC (anti-crime brigade)'],
    ['paf', 'PAF', 'PAF (border police)'], ['pm', 'Police municipale', 'Municipal police'],
  ]),
  vehicle_type: terms([
    ['van', 'Fourgons', 'Vans'], ['car', 'Voitures', 'Cars'], ['bus', 'Bus', 'Buses'], ['truck', 'Camions', 'Trucks'],
    ['excavator', 'Engins de chantier', 'Excavators'],
  ]),
  incident_type: terms([
    ['tear_gas', 'Gaz lacrymogène', 'Tear gas'], ['baton', 'Coups de matraque', 'Baton blows'],
    ['kicks_punches', 'Coups de pied ou de poing', 'Kicks or punches'], ['taser', 'Taser', 'Taser'],
    ['tent_slashing', 'Tentes lacérées', 'Tents slashed'], ['shaking_tents', 'Tentes secouées', 'Tents shaken'],
    ['insults', 'Insultes', 'Insults'], ['other_violence', 'Autre violence', 'Other violence'],
  ]),
  obstruction_type: terms([
    ['perimeter', 'Périmètre de sécurité', 'Security perimeter'], ['escorted_away', 'Éloignement', 'Escorted away'],
    ['id_check', 'Contrôle d’identité', 'ID check'], ['fine', 'Amende', 'Fine'], ['insults', 'Insultes', 'Insults'],
    ['filming_prevented', 'Empêchement de filmer', 'Prevented from filming'],
  ]),
  legal_basis_category: terms([
    ['flagrance', 'Flagrance', 'Flagrante delicto'], ['court_decision', 'Décision de justice', 'Court decision'],
    ['prefectoral_order', 'Arrêté préfectoral', 'Prefectoral order'], ['municipal_order', 'Arrêté municipal', 'Municipal order'],
    ['sheltering', 'Mise à l’abri', 'Sheltering operation'], ['none_stated', 'Aucune base énoncée', 'None stated'],
    ['unknown', 'Inconnue', 'Unknown'],
  ]),
  operation_type: terms([
    ['routine', 'Expulsion de routine (flagrance)', 'Routine eviction (flagrance)'],
    ['sheltering', 'Mise à l’abri avec bus', 'Sheltering with buses'],
    ['court_ordered', 'Sur décision de justice', 'Court-ordered'], ['order_based', 'Sur arrêté', 'Order-based'],
  ]),
};
