import { MONTHS } from './wallclock.js';

/**
 * Month abbreviations as glibc's `%b` prints them (`abmon` of /usr/share/i18n/locales) in locales
 * whose pastes reach bug reports: journalctl's short modes, `dmesg -T` and syslog print the month
 * in the machine's locale when it is not C. English (C) comes from `MONTHS`. The same abbreviation
 * never means two months across these locales (`mar` is March in it, es, pt, pl, sv).
 *
 * Seen in the corpus: de `Dez` (moby#35882, systemd#7604), it `nov` (kubernetes#17767), es `sep`
 * (nextcloudpi#1553), uk `лют` (systemd#18479), zh `6月` (moby#39314, kubernetes#54542).
 */
const LOCALIZED: Readonly<Record<string, readonly string[]>> = {
  de: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
  pt: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  fr: ['janv.', 'févr.', 'mars', 'avril', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  pl: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
  ru: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  uk: ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'],
  // zh_CN prints `1月`, ja_JP ` 1月` (the space is indentation to a reader), ko_KR ` 1월`.
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  ko: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
};

const BY_NAME: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>(Object.entries(MONTHS));
  for (const [locale, names] of Object.entries(LOCALIZED)) {
    names.forEach((name, i) => {
      const known = map.get(name);
      if (known !== undefined && known !== i + 1) throw new Error(`month ${name} (${locale}) means two months`);
      map.set(name, i + 1);
    });
  }
  return map;
})();

/** 1–12 for a month abbreviation in C or one of the locales above, else undefined. */
export function monthNumber(name: string): number | undefined {
  return BY_NAME.get(name);
}

/** Every abbreviation `monthNumber` knows (for tests: each must be in the readers' patterns). */
export function monthNames(): string[] {
  return [...BY_NAME.keys()];
}
