/**
 * The widget's own words (not the config's): its buttons and announcements. The
 * collector sends the ones for the config's supported locales with `GET /v1/config`, so
 * the browser bundle carries only English, its fallback. `%n` and `%t` are the done and
 * total counts.
 */
export interface WidgetStrings {
  count: string;
  done: string;
  close: string;
  dismiss: string;
  show: string;
  allDone: string;
  locked: string;
  progress: string;
}

/** English, the widget's built-in fallback (the only table the browser bundle carries). */
export const WIDGET_STRINGS_EN: WidgetStrings = {
  count: '%n of %t',
  done: 'done',
  close: 'Close',
  dismiss: 'Dismiss checklist',
  show: 'Show checklist',
  allDone: 'All done!',
  locked: 'Finish the earlier steps first',
  progress: 'Progress',
};

export const WIDGET_STRINGS: Record<string, WidgetStrings> = {
  en: WIDGET_STRINGS_EN,
  pl: {
    count: '%n z %t',
    done: 'gotowe',
    close: 'Zamknij',
    dismiss: 'Ukryj listę',
    show: 'Pokaż listę',
    allDone: 'Wszystko gotowe!',
    locked: 'Najpierw ukończ poprzednie kroki',
    progress: 'Postęp',
  },
  zh: {
    count: '%n / %t',
    done: '已完成',
    close: '关闭',
    dismiss: '隐藏清单',
    show: '显示清单',
    allDone: '全部完成！',
    locked: '请先完成前面的步骤',
    progress: '进度',
  },
  tr: {
    count: '%n / %t',
    done: 'tamamlandı',
    close: 'Kapat',
    dismiss: 'Listeyi gizle',
    show: 'Listeyi göster',
    allDone: 'Hepsi tamam!',
    locked: 'Önce önceki adımları bitirin',
    progress: 'İlerleme',
  },
  it: {
    count: '%n di %t',
    done: 'fatto',
    close: 'Chiudi',
    dismiss: 'Nascondi la lista',
    show: 'Mostra la lista',
    allDone: 'Tutto fatto!',
    locked: 'Prima completa i passi precedenti',
    progress: 'Avanzamento',
  },
  ar: {
    count: '%n من %t',
    done: 'تم',
    close: 'إغلاق',
    dismiss: 'إخفاء القائمة',
    show: 'إظهار القائمة',
    allDone: 'تم كل شيء!',
    locked: 'أكمل الخطوات السابقة أولًا',
    progress: 'التقدّم',
  },
  de: {
    count: '%n von %t',
    done: 'erledigt',
    close: 'Schließen',
    dismiss: 'Checkliste ausblenden',
    show: 'Checkliste zeigen',
    allDone: 'Alles erledigt!',
    locked: 'Schließe zuerst die vorherigen Schritte ab',
    progress: 'Fortschritt',
  },
  fr: {
    count: '%n sur %t',
    done: 'fait',
    close: 'Fermer',
    dismiss: 'Masquer la liste',
    show: 'Afficher la liste',
    allDone: 'Tout est fait !',
    locked: 'Terminez d’abord les étapes précédentes',
    progress: 'Progression',
  },
  es: {
    count: '%n de %t',
    done: 'hecho',
    close: 'Cerrar',
    dismiss: 'Ocultar la lista',
    show: 'Mostrar la lista',
    allDone: '¡Todo listo!',
    locked: 'Primero termina los pasos anteriores',
    progress: 'Progreso',
  },
  pt: {
    count: '%n de %t',
    done: 'feito',
    close: 'Fechar',
    dismiss: 'Ocultar a lista',
    show: 'Mostrar a lista',
    allDone: 'Tudo pronto!',
    locked: 'Conclua primeiro as etapas anteriores',
    progress: 'Progresso',
  },
};
