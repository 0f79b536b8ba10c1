import { describe, expect, it } from 'vitest';
import { mapPaymentHeaders, paymentStatusAccepted, readEuroAmount, readPaymentDate, readPaymentKind, readPaymentMethod } from './payment-import.js';

describe('reading a payment platform export', () => {
  it('reads amounts as French spreadsheets write them', () => {
    expect(readEuroAmount('20,00')).toBe(2000);
    expect(readEuroAmount('1 234,50 €')).toBe(123450);
    expect(readEuroAmount('1\u202f234,5')).toBe(123450);
    expect(readEuroAmount('1.234,50')).toBe(123450);
    expect(readEuroAmount('15.5')).toBe(1550);
    expect(readEuroAmount('15')).toBe(1500);
    expect(readEuroAmount('0,00')).toBe(0);
    for (const bad of ['', 'abc', '-5,00', '12,345', '1,2,3']) expect(readEuroAmount(bad)).toBeNull();
  });

  it('reads dd/mm/yyyy dates, with or without the time, and refuses days that do not exist', () => {
    expect(readPaymentDate('15/03/2026')).toBe('2026-03-15');
    expect(readPaymentDate('5/3/2026 09:12')).toBe('2026-03-05');
    expect(readPaymentDate('15/03/2026 14:02:33')).toBe('2026-03-15');
    expect(readPaymentDate('2026-03-15T10:00:00Z')).toBe('2026-03-15');
    expect(readPaymentDate('31/02/2026')).toBeNull();
    expect(readPaymentDate('03/15/2026')).toBeNull();
    expect(readPaymentDate('hier')).toBeNull();
  });

  it('tells dues from gifts, paid from not paid, and how the money came', () => {
    expect(['Adhésion', 'Adhésion 2026', 'Cotisation', 'Membership'].map(readPaymentKind)).toEqual(['dues', 'dues', 'dues', 'dues']);
    expect(['Don', 'Don ponctuel', 'Donation'].map(readPaymentKind)).toEqual(['gift', 'gift', 'gift']);
    expect(readPaymentKind('Billetterie')).toBeNull();
    expect(['Validé', 'Autorisée', 'payé', ''].every(paymentStatusAccepted)).toBe(true);
    expect(['Remboursé', 'Refusé', 'En attente', 'Annulé'].some(paymentStatusAccepted)).toBe(false);
    expect(['Carte bancaire', 'Prélèvement SEPA', 'Virement', 'Chèque', 'Espèces', ''].map(readPaymentMethod))
      .toEqual(['card', 'direct_debit', 'transfer', 'cheque', 'cash', 'card']);
    expect(readPaymentMethod('Bitcoin')).toBeNull();
  });

  it('maps HelloAsso headers, accents and case aside, the first column of a field winning', () => {
    expect(mapPaymentHeaders(['Référence paiement', 'DATE DU PAIEMENT', 'Montant', 'Type', 'Email payeur', 'Nom', 'Nom payeur', 'Champ libre']))
      .toEqual(['reference', 'date', 'amount', 'kind', 'email', 'lastName', null, null]);
  });
});
