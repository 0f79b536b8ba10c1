/** Kept so older imports still resolve: the wording of figures lives in communication/figures. */
export * from '../figures/figure-wording.js';
