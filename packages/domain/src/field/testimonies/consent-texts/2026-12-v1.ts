import type { ConsentText } from '../vocabulary.js';

/**
 * Consent text, version 2026-12-v1. Never edit a published version: a change is a new file and a
 * new version, so that each recorded consent says exactly which words the person was shown.
 * Languages without a text here (Farsi, Dari, Pashto, Tigrinya, Sorani, German) wait for a
 * translator; the screen then shows French and English and says so. The Arabic text was written
 * without a professional translator and is marked for review.
 */
export const CONSENT_TEXT_2026_12_V1: Partial<Record<string, ConsentText>> = {
  fr: {
    reviewed: true,
    title: 'Votre témoignage : ce que vous acceptez',
    intro: "Vous nous racontez ce qui vous est arrivé. Nous n'écrivons pas votre nom : seulement un pseudonyme. Pour chaque usage ci-dessous, vous pouvez dire oui ou non. Vous pouvez changer d'avis à tout moment avec le code que nous vous donnons.",
    purposes: {
      kept: "Garder votre témoignage dans notre base de données protégée, pour notre travail d'observation.",
      quoted: 'Citer quelques phrases de votre témoignage, sans votre nom, dans nos publications (bulletins, communiqués de presse, lettres d’information).',
      statistics: 'Compter votre témoignage dans nos statistiques (des chiffres, jamais votre histoire).',
      court: "Utiliser votre témoignage devant un tribunal ou une autorité, pour défendre vos droits ou ceux d'autres personnes.",
      partners: 'Partager votre témoignage, sans votre nom, avec des associations partenaires.',
    },
    yes: 'Oui',
    no: 'Non',
    withdraw: "Gardez la carte avec votre code. Pour retirer votre accord, donnez ce code à un membre de l'équipe ou saisissez-le sur notre page de retrait : tout s'arrête immédiatement.",
  },
  en: {
    reviewed: true,
    title: 'Your testimony: what you agree to',
    intro: 'You are telling us what happened to you. We do not write down your name, only a pseudonym. For each use below you can say yes or no. You can change your mind at any time with the code we give you.',
    purposes: {
      kept: 'Keep your testimony in our protected database, for our observation work.',
      quoted: 'Quote a few sentences of your testimony, without your name, in our publications (bulletins, press releases, newsletters).',
      statistics: 'Count your testimony in our statistics (numbers, never your story).',
      court: 'Use your testimony before a court or an authority, to defend your rights or those of other people.',
      partners: 'Share your testimony, without your name, with partner organisations.',
    },
    yes: 'Yes',
    no: 'No',
    withdraw: 'Keep the card with your code. To withdraw your agreement, give this code to a member of the team or type it on our withdrawal page: everything stops at once.',
  },
  ar: {
    reviewed: false,
    title: 'شهادتك: ما الذي توافق عليه',
    intro: 'أنت تخبرنا بما حدث لك. لن نكتب اسمك، بل اسماً مستعاراً فقط. يمكنك أن تقول نعم أو لا لكل استخدام من الاستخدامات التالية. ويمكنك أن تغيّر رأيك في أي وقت باستخدام الرمز الذي نعطيك إياه.',
    purposes: {
      kept: 'حفظ شهادتك في قاعدة بياناتنا المحمية، من أجل عملنا في الرصد.',
      quoted: 'اقتباس بعض الجمل من شهادتك، دون ذكر اسمك، في منشوراتنا (النشرات والبيانات الصحفية والرسائل الإخبارية).',
      statistics: 'احتساب شهادتك في إحصاءاتنا (أرقام فقط، وليس قصتك أبداً).',
      court: 'استخدام شهادتك أمام محكمة أو سلطة رسمية، للدفاع عن حقوقك أو حقوق أشخاص آخرين.',
      partners: 'مشاركة شهادتك، دون ذكر اسمك، مع جمعيات شريكة.',
    },
    yes: 'نعم',
    no: 'لا',
    withdraw: 'احتفظ بالبطاقة التي عليها رمزك. لسحب موافقتك، أعطِ هذا الرمز لأحد أعضاء الفريق أو اكتبه في صفحة السحب على موقعنا: يتوقف كل شيء فوراً.',
  },
};
