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
  /** Closes an upgrade prompt. */
  notNow: string;
  never: string;
  /** After a "talk to sales" button. */
  thanks: string;
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
  notNow: 'Not now',
  never: 'Don’t show again',
  thanks: 'Thanks! Someone from our team will get in touch soon.',
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
    notNow: 'Nie teraz',
    never: 'Nie pokazuj więcej',
    thanks: 'Dziękujemy! Wkrótce skontaktuje się z Tobą ktoś z naszego zespołu.',
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
    notNow: '以后再说',
    never: '不再显示',
    thanks: '谢谢！我们的团队成员会尽快与您联系。',
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
    notNow: 'Şimdi değil',
    never: 'Bir daha gösterme',
    thanks: 'Teşekkürler! Ekibimizden biri yakında sizinle iletişime geçecek.',
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
    notNow: 'Non ora',
    never: 'Non mostrare più',
    thanks: 'Grazie! Qualcuno del nostro team ti contatterà presto.',
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
    notNow: 'ليس الآن',
    never: 'لا تعرض هذا مجددًا',
    thanks: 'شكرًا! سيتواصل معك أحد أعضاء فريقنا قريبًا.',
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
    notNow: 'Nicht jetzt',
    never: 'Nicht mehr anzeigen',
    thanks: 'Danke! Jemand aus unserem Team meldet sich in Kürze bei dir.',
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
    notNow: 'Pas maintenant',
    never: 'Ne plus afficher',
    thanks: 'Merci ! Une personne de notre équipe vous contactera bientôt.',
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
    notNow: 'Ahora no',
    never: 'No volver a mostrar',
    thanks: '¡Gracias! Alguien de nuestro equipo se pondrá en contacto contigo pronto.',
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
    notNow: 'Agora não',
    never: 'Não mostrar novamente',
    thanks: 'Obrigado! Alguém da nossa equipe entrará em contato em breve.',
  },
};
