// Crisis and support lines by country, kept offline. Numbers are shown as text a person
// can read and copy; nothing here opens a browser or dials by itself.

/** When this list was last reviewed by the Mend developers (from their own sources). */
export const REVIEWED = 'November 2026';

/** A directory that covers countries not listed here. */
export const DIRECTORY = {
  name: 'Find A Helpline',
  where: 'findahelpline.com',
  note: 'Free, confidential helplines in many more countries.',
};

/** Lines by ISO country code; `emergency` is the local emergency number. */
export const COUNTRIES = {
  US: { name: 'United States', emergency: '911', lines: [
    { name: '988 Suicide & Crisis Lifeline', number: '988', how: 'Call or text, any time' },
    { name: 'National Domestic Violence Hotline', number: '1-800-799-7233', how: 'Call any time, or text START to 88788' },
  ] },
  GB: { name: 'United Kingdom', emergency: '999', lines: [
    { name: 'Samaritans', number: '116 123', how: 'Call free, any time' },
    { name: 'Shout', number: '85258', how: 'Text SHOUT, any time' },
    { name: 'National Domestic Abuse Helpline', number: '0808 2000 247', how: 'Call free, any time' },
  ] },
  IE: { name: 'Ireland', emergency: '112 or 999', lines: [
    { name: 'Samaritans', number: '116 123', how: 'Call free, any time' },
    { name: '50808', number: '50808', how: 'Text HELLO, any time' },
    { name: "Women's Aid", number: '1800 341 900', how: 'Call free, any time' },
  ] },
  CA: { name: 'Canada', emergency: '911', lines: [
    { name: '9-8-8 Suicide Crisis Helpline', number: '988', how: 'Call or text, any time' },
    { name: 'Hope for Wellness Help Line', number: '1-855-242-3310', how: 'For Indigenous peoples, call any time' },
  ] },
  AU: { name: 'Australia', emergency: '000', lines: [
    { name: 'Lifeline', number: '13 11 14', how: 'Call any time, or text 0477 13 11 14' },
    { name: '1800RESPECT', number: '1800 737 732', how: 'Domestic, family and sexual violence support, any time' },
  ] },
  NZ: { name: 'New Zealand', emergency: '111', lines: [
    { name: 'Need to talk? 1737', number: '1737', how: 'Call or text free, any time' },
    { name: 'Lifeline Aotearoa', number: '0800 543 354', how: 'Call free, any time' },
    { name: "Women's Refuge", number: '0800 733 843', how: 'Crisis line, any time' },
  ] },
  DE: { name: 'Deutschland', emergency: '112', lines: [
    { name: 'TelefonSeelsorge', number: '0800 111 0 111', how: 'Kostenlos, rund um die Uhr (auch 0800 111 0 222)' },
    { name: 'Hilfetelefon Gewalt gegen Frauen', number: '116 016', how: 'Kostenlos, rund um die Uhr' },
  ] },
  FR: { name: 'France', emergency: '112', lines: [
    { name: 'Numéro national de prévention du suicide', number: '3114', how: 'Gratuit, 24 h/24' },
    { name: 'Violences Femmes Info', number: '3919', how: 'Gratuit, 24 h/24' },
  ] },
  ES: { name: 'España', emergency: '112', lines: [
    { name: 'Línea de atención a la conducta suicida', number: '024', how: 'Gratuita, 24 horas' },
    { name: 'Atención a víctimas de violencia de género', number: '016', how: 'Gratuita, 24 horas' },
  ] },
  NL: { name: 'Nederland', emergency: '112', lines: [
    { name: '113 Zelfmoordpreventie', number: '0800 0113', how: 'Gratis, dag en nacht (of 113)' },
    { name: 'Veilig Thuis', number: '0800 2000', how: 'Gratis, dag en nacht' },
  ] },
};

/** The country to show first: from the system locale when listed, else the US. */
export function defaultCountry(locale = navigator.language || '') {
  const region = locale.split(/[-_]/)[1]?.toUpperCase();
  if (region === 'UK') return 'GB';
  return region && COUNTRIES[region] ? region : 'US';
}
