import type { AreaOption, BulletinDocument } from '../bulletins/bulletinApi';

/** The figure set API as the editor reads it (apps/server/src/modules/communication/bulletins, PUT/POST /api/bulletin-figure-sets). */
export interface FigureSetLine {
  metric: string;
  part: string | null;
  forces?: { present: string[]; absent: string[] };
  /** A findings line: the yes/no finding the bulletin dates (metric "evictions"). */
  finding?: string;
  showZero?: boolean;
}

export interface FigureSetPreview {
  figures: FigureSetLine[];
  documents: Record<'fr' | 'en', BulletinDocument>;
}

export type { AreaOption };
