import { pickLocale } from '../../../core/engine';

/** The widget's own words, not the config's: `%n` done of `%t`. */
export interface Strings {
  count: string;
  done: string;
  close: string;
  dismiss: string;
  show: string;
  allDone: string;
  locked: string;
  progress: string;
}

const KEYS = [
  'count',
  'done',
  'close',
  'dismiss',
  'show',
  'allDone',
  'locked',
  'progress',
] as const;

// One line per locale, fields in KEYS order, `|`-separated: compact in the bundle.
const TABLE: Record<string, string> = {
  en: '%n of %t|done|Close|Dismiss checklist|Show checklist|All done!|Finish the earlier steps first|Progress',
  pl: '%n z %t|gotowe|Zamknij|Ukryj listę|Pokaż listę|Wszystko gotowe!|Najpierw ukończ poprzednie kroki|Postęp',
  zh: '%n / %t|已完成|关闭|隐藏清单|显示清单|全部完成！|请先完成前面的步骤|进度',
  tr: '%n / %t|tamamlandı|Kapat|Listeyi gizle|Listeyi göster|Hepsi tamam!|Önce önceki adımları bitirin|İlerleme',
  it: '%n di %t|fatto|Chiudi|Nascondi la lista|Mostra la lista|Tutto fatto!|Prima completa i passi precedenti|Avanzamento',
  ar: '%n من %t|تم|إغلاق|إخفاء القائمة|إظهار القائمة|تم كل شيء!|أكمل الخطوات السابقة أولًا|التقدّم',
};

/**
 * The widget's chrome strings in `locale`, English where it has no translation.
 *
 * @example
 * stringsFor('pl-PL').count.replace('%n', '2').replace('%t', '5'); // '2 z 5'
 */
export function stringsFor(locale: string): Strings {
  const line = TABLE[pickLocale(locale, Object.keys(TABLE)) ?? 'en'] ?? TABLE.en!;
  const parts = line.split('|');
  return Object.fromEntries(KEYS.map((key, i) => [key, parts[i]])) as unknown as Strings;
}

/** "2 of 5" in the user's words. */
export const countText = (strings: Strings, done: number, total: number) =>
  strings.count.replace('%n', String(done)).replace('%t', String(total));
