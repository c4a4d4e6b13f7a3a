// Der Gesundheitscheck auf Deutsch: Titel, warum es wichtig ist (mit Quelle in den Texten) und nächster Schritt.
import type { HealthTexts } from './health-types.ts';

export const healthDe: HealthTexts = {
  purpose: {
    source: 'BI, Rat 1',
    title: () => 'Der Plan hat noch keinen Zweck',
    explanation: () =>
      'Niemand hat aufgeschrieben, welche Aufgaben soziale Medien lösen sollen, wen Sie erreichen wollen und wozu die Präsenz dient. Initiativen ohne strategische Verankerung bringen oft enttäuschende Ergebnisse – oder gar keine.',
    nextStep: () => 'Schreiben Sie zwei, drei Sätze: welche Aufgaben, für wen und mit welchem Ziel.',
  },
  'goals-exist': {
    source: 'BI, Rat 2; 004, Punkt 1',
    title: () => 'Noch keine Ziele',
    explanation: () =>
      'Ohne klare Ziele werden soziale Medien zu zufälligen, isolierten Initiativen ohne Bezug zu den Strategien, die Sie schon haben – und Sie können nicht beurteilen, ob Sie das Richtige tun.',
    nextStep: () =>
      'Legen Sie ein Ziel an und verknüpfen Sie es mit einem Geschäftsziel, etwa treue Kunden oder sichtbarer Kundenservice.',
  },
  'goal-objective': {
    source: '004, Punkt 1: „Facebook ist eine Plattform, keine Strategie“; BI, Rat 2',
    title: (f) =>
      f.variant === 'none'
        ? 'Kein Ziel ist mit einem Geschäftsziel verknüpft'
        : `„${f.name}“ ist mit keinem Geschäftsziel verknüpft`,
    explanation: () =>
      'Suchen Sie die Geschäftsziele, die soziale Medien unterstützen können, statt eine Strategie für eine Plattform zu machen. Ein Ziel, das keinem bestehenden Ziel dient, ist schwer zu messen und schnell aufgegeben.',
    nextStep: (f) =>
      f.variant === 'none'
        ? 'Wählen Sie für jedes Ziel das Geschäftsziel, dem es dient, oder nennen Sie die bestehende Strategie, die es unterstützt.'
        : 'Wählen Sie das Geschäftsziel, dem es dient, oder nennen Sie die bestehende Strategie, die es unterstützt.',
  },
  'goal-kpis': {
    source: 'BI, Rat 2',
    title: (f) => `„${f.name}“ hat keine Kennzahl`,
    explanation: () =>
      'Ziele sollten gemessen werden wie andere Aktivitäten auch. Ohne Kennzahl weiß niemand, ob das Ziel erreicht wurde.',
    nextStep: () => 'Legen Sie eine Kennzahl mit Ausgangswert, Zielwert und Datum an.',
  },
  'kpi-complete': {
    source: 'BI, Rat 2; 000, Risikobereich 3: „Wie misst man den Nutzen?“',
    title: (f) =>
      `Einer Kennzahl für „${f.str('goal')}“ fehlt: ${f.join(f.list('gaps').map((g) => f.L.gap[g as keyof typeof f.L.gap]))}`,
    explanation: (f) =>
      `„${f.L.kpiKind[f.str('kind') as keyof typeof f.L.kpiKind]}“ zeigt nur dann Fortschritt, wenn es einen Ausgangswert, einen Zielwert und ein Datum gibt – und klar ist, was genau gezählt wird.`,
    nextStep: () => 'Ergänzen Sie, was fehlt, damit die Messung sie aus echten Daten berechnen kann.',
  },
  'kpi-overdue': {
    source: '000, Risikobereich 3: „Wie misst man den Nutzen?“',
    title: (f) => `Das Datum einer Kennzahl für „${f.str('goal')}“ ist verstrichen`,
    explanation: (f) =>
      `Das Zieldatum ${f.date('date')} ist vorbei. Ein Ziel nützt nur, solange es aktuell ist.`,
    nextStep: () =>
      'Halten Sie fest, wie es gelaufen ist, und setzen Sie den nächsten Zielwert samt Datum – oder streichen Sie die Kennzahl.',
  },
  'quality-over-quantity': {
    source: 'BI, Rat 7: Qualität vor Quantität',
    title: () => 'Die einzigen Kennzahlen zählen Follower oder Beiträge',
    explanation: () =>
      'Einfluss entsteht durch die Qualität der Verbindungen und der Inhalte, nicht durch die Zahl der Freunde oder Beiträge. Tausende Follower helfen nicht, wenn das Geteilte uninteressant ist.',
    nextStep: () =>
      'Ergänzen Sie eine Kennzahl zur Qualität: beantwortete Fragen, Share of Voice, positive Erwähnungen oder Follower in Ihrer Zielgruppe.',
  },
  'audiences-exist': {
    source: 'BI, Rat 1 und 3; 003, Praxis 1',
    title: () => 'Keine Zielgruppe festgelegt',
    explanation: () =>
      'Soziale Führungskräfte sprechen eine klar umrissene Zielgruppe mit einem klaren Grund an. Studieren Sie, wen Sie erreichen wollen und wie sich diese Menschen online verhalten, bevor Sie entscheiden, was Sie tun.',
    nextStep: () =>
      'Benennen Sie die Zielgruppen, die Sie erreichen wollen, und wie aktiv jede von ihnen ist.',
  },
  'audience-offer': {
    source: '003, Praxis 1: „etwas Wertvolles und Unverwechselbares zu sagen“',
    title: (f) => `Was hat „${f.name}“ von Ihnen?`,
    explanation: () =>
      'Eine Zielgruppe braucht einen Grund zuzuhören. Schreiben Sie auf, was diese Zielgruppe von Ihnen bekommen soll – Informationen, Hilfe, Mitsprache bei dem, was Sie machen.',
    nextStep: () => 'Beschreiben Sie, was die Zielgruppe davon hat, Ihnen zu folgen.',
  },
  'audience-reached': {
    source: 'BI, Rat 3; 003, Praxis 1: die richtigen Plattformen wählen',
    title: (f) => `Kein Kanal ist für „${f.name}“ gedacht`,
    explanation: () =>
      'Passen Sie die Aktivitäten an jede Zielgruppe an. Eine Zielgruppe, für die kein Kanal gedacht ist, ist eine Zielgruppe, mit der niemand spricht.',
    nextStep: () =>
      'Markieren Sie, welche Kanäle diese Zielgruppe erreichen, oder legen Sie einen an, der es tut.',
  },
  'participation-fit': {
    source: 'BI, Rat 3; 004, Punkt 1',
    title: (f) =>
      `„${f.name}“ braucht eine Zielgruppe mindestens auf der Stufe ${f.L.participation[f.str('needed') as keyof typeof f.L.participation]}`,
    explanation: (f) =>
      `${f.L.objective[f.str('objective') as keyof typeof f.L.objective]} braucht Menschen, die handeln – aber keine Ihrer Zielgruppen steht so weit oben auf der Beteiligungsleiter. Leser allein liefern weder Ideen noch Fürsprecher.`,
    nextStep: () =>
      'Ergänzen oder überdenken Sie eine Zielgruppe, die kommentiert, bewertet oder selbst Inhalte erstellt – oder ändern Sie, was das Ziel verlangt.',
  },
  'channels-exist': {
    source: '000/001: Duttas Matrix',
    title: () => 'Keine Kanäle geplant',
    explanation: () =>
      'Wählen Sie Kanäle nach zwei Fragen: Wollen Sie persönlich oder beruflich auftreten, und ist das Netzwerk, für das Sie schreiben, öffentlich oder geschlossen? Platzieren Sie dann jeden Kanal in der Matrix.',
    nextStep: () =>
      'Legen Sie die Kanäle an, die Sie nutzen oder nutzen wollen, und platzieren Sie sie in der Matrix.',
  },
  'channel-placed': {
    source: '000/001: Duttas Matrix',
    title: (f) =>
      f.variant === 'unplaced'
        ? `„${f.name}“ ist nicht in der Matrix platziert`
        : `Für „${f.name}“ fehlt die Begründung der Platzierung`,
    explanation: () =>
      'Jeder Kanal gehört irgendwo zwischen persönlichen und beruflichen Ton und zwischen geschlossenes Netzwerk und Öffentlichkeit. Ihn zu platzieren – und zu sagen, warum – macht die Wahl bewusst.',
    nextStep: (f) =>
      f.variant === 'unplaced'
        ? 'Ziehen Sie den Kanal in die Matrix oder wählen Sie seinen Quadranten.'
        : 'Schreiben Sie einen Satz dazu, warum der Kanal dort steht.',
  },
  'channel-content': {
    source: 'BI, Rat 10: ein Kanal ist leer, bis er gefüllt wird',
    title: (f) => `„${f.name}“ hat keinen Inhaltsplan`,
    explanation: () =>
      'Bei sozialen Medien geht es nicht darum, eine eigene Seite, einen Blog oder ein Konto zu haben. Ein Medium ist nur ein Kanal, und der muss mit durchdachten, zielgerichteten und professionellen Inhalten gefüllt werden.',
    nextStep: () => 'Schreiben Sie auf, was Sie dort veröffentlichen und wie oft.',
  },
  'three-decisions': {
    source: '001: Duttas drei Entscheidungen',
    title: (f) =>
      `Noch nicht entschieden: ${f.join(f.list('missing').map((m) => f.L.decision[m as keyof typeof f.L.decision]))}`,
    explanation: () =>
      'Dutta verlangt drei Entscheidungen: Sind die Ziele beruflich oder persönlich, sprechen Sie eine geschlossene Gruppe oder die breite Öffentlichkeit an, und welche Ressourcen – Zeit und Wille – haben Sie tatsächlich?',
    nextStep: () =>
      'Halten Sie die Entscheidungen neben der Matrix fest, und für jede Person im Team die Stunden pro Woche.',
  },
  'decisions-vs-matrix': {
    source: '000/001: Duttas Matrix und Entscheidungen',
    title: (f) =>
      ({
        'closed-but-public': 'Sie haben eine geschlossene Gruppe gewählt, aber jeder Kanal ist öffentlich',
        'public-but-private': 'Sie haben die breite Öffentlichkeit gewählt, aber jeder Kanal ist geschlossen',
        'professional-but-personal': 'Sie haben berufliche Ziele gewählt, aber jeder Kanal ist persönlich',
        'personal-but-professional': 'Sie haben persönliche Ziele gewählt, aber jeder Kanal ist beruflich',
      })[f.variant ?? ''] ?? '',
    explanation: () =>
      'Die Kanäle in der Matrix sollten aus den Entscheidungen folgen, nicht ihnen widersprechen.',
    nextStep: () =>
      'Verschieben Sie einen Kanal, ergänzen Sie einen passenden oder überdenken Sie die Entscheidung.',
  },
  'overlapping-networks': {
    source: 'BI, Rat 8: mehrere, sich überschneidende Netzwerke',
    title: (f) => `Alle Kanäle sind auf ${f.L.network[f.str('network') as keyof typeof f.L.network]}`,
    explanation: () =>
      'Mehrere, sich überschneidende Netzwerke sind besser als ein einzelnes großes: In verschiedenen Gruppen bieten und bekommen Sie unterschiedliche Informationen.',
    nextStep: () => 'Erwägen Sie ein zweites Netzwerk, in dem sich ein Teil Ihrer Zielgruppe trifft.',
  },
  'channels-connected': {
    source: '003, Praxis 1: die richtigen Plattformen wählen',
    title: (f) =>
      f.unavailable ? 'Gerade nicht prüfbar: die verbundenen Kanäle' : `„${f.name}“ ist nicht verbunden`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme konnte die verbundenen Kanäle gerade nicht lesen und kann daher nicht sagen, ob die geplanten Kanäle ein Konto haben.'
        : 'Der Kanal steht im Plan, aber es ist kein Konto zum Veröffentlichen verbunden.',
    nextStep: (f) =>
      f.unavailable
        ? 'Versuchen Sie es später erneut; am Plan muss dafür nichts geändert werden.'
        : 'Verbinden Sie das Konto unter Einstellungen → Kanäle.',
  },
  'team-size': {
    source: '004, Punkt 3: ein Team, nie eine Einzelperson',
    title: (f) =>
      f.variant === 'org'
        ? 'Nur eine Person in der Organisation'
        : 'Nur eine Person hat eine Aufgabe im Plan',
    explanation: () =>
      'Versteht nur eine Person soziale Medien, leiden die Beziehungen, wenn sie geht – und es ist schwer, die Aufgabe allein zu tragen. Mindestens braucht sie ein Netzwerk von Kolleginnen und Kollegen aus anderen Unternehmen.',
    nextStep: (f) =>
      f.variant === 'org'
        ? 'Laden Sie mindestens eine Kollegin oder einen Kollegen ins Team ein.'
        : 'Geben Sie mindestens einer weiteren Person eine Aufgabe im Plan.',
  },
  'leader-named': {
    source: '004, Punkt 3: sichtbare Rückendeckung der Führung',
    title: () => 'Keine Führungskraft benannt',
    explanation: () =>
      'Wenn die Chefin oder der Chef sagt, dass es wichtig ist, dann ist es wichtig. Der Plan sollte sagen, auf wessen Rückendeckung er baut.',
    nextStep: () => 'Wählen Sie die Führungskraft, von deren Präsenz und Rückendeckung der Plan abhängt.',
  },
  'leader-backing': {
    source: '004, Punkt 3',
    title: (f) =>
      f.variant === 'rewards'
        ? 'Nichts dazu, wie gute Ergebnisse belohnt werden'
        : `Wie zeigt ${f.str('leader') || 'die Führungskraft'} Rückendeckung?`,
    explanation: (f) =>
      f.variant === 'rewards'
        ? 'Wenn die Führung gute Ergebnisse belohnt und auch hier Ziele setzt, steigen Wert und Interesse in der Regel.'
        : 'Die Führung sollte die Arbeit unterstützen – gern sichtbar. Halten Sie fest, wie die Führungskraft das zeigt: in Besprechungen, in eigenen Beiträgen, in dem, wonach sie fragt.',
    nextStep: (f) =>
      f.variant === 'rewards'
        ? 'Schreiben Sie auf, wie gute Ergebnisse gewürdigt werden.'
        : 'Beschreiben Sie, wie die Führungskraft die Arbeit sichtbar unterstützt.',
  },
  'leader-own-voice': {
    source: '001: „Outsourcing gilt nicht“ – Authentizität',
    title: (f) =>
      f.variant === 'low-will'
        ? `${f.str('leader')} macht nur widerwillig mit`
        : `${f.str('leader')} hat im Plan keine eigene Zeit`,
    explanation: () =>
      'Die wichtigste Regel: Social Media lebt von Authentizität, und die kann das PR-Team oder eine Agentur nicht liefern. Haben Sie die Zeit und den Willen, sich selbst darum zu kümmern?',
    nextStep: (f) =>
      f.variant === 'low-will'
        ? 'Sprechen Sie darüber, was es lohnend machen würde, und beginnen Sie mit einem kleineren, persönlichen Teil.'
        : 'Geben Sie der Führungskraft eine eigene Aufgabe mit Stunden pro Woche.',
  },
  authorship: {
    source: '001: Authentizität lässt sich nicht auslagern',
    title: (f) =>
      f.unavailable
        ? 'Gerade nicht prüfbar: wer die Beiträge der Führungskraft schreibt'
        : f.variant === 'no-channel'
          ? `Kein verbundener Kanal gehört ${f.str('leader')}`
          : f.variant === 'few'
            ? `Nur ${f.num('own')} von ${f.num('posts')} letzten Beiträgen von ${f.str('leader')} sind in eigenen Worten`
            : `Alle ${f.num('posts')} Beiträge von ${f.str('leader')} der letzten ${f.num('days')} Tage wurden von anderen geschrieben`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme konnte das Autorschaftsprotokoll gerade nicht lesen und weiß daher nicht, wer welchen Beitrag geschrieben hat.'
        : f.variant === 'no-channel'
          ? 'Ohne ein Konto, das als das der Führungskraft markiert ist, kann das Protokoll ihre eigenen Worte nicht von Beiträgen in ihrem Namen unterscheiden.'
          : 'Eine Stimme, die vollständig von anderen geschrieben wird, ist nicht die Stimme der Führungskraft. Die Follower merken es, und das Vertrauen, das eine persönliche Präsenz aufbaut, geht verloren.',
    nextStep: (f) =>
      f.unavailable
        ? 'Versuchen Sie es später erneut; am Plan muss dafür nichts geändert werden.'
        : f.variant === 'no-channel'
          ? 'Verbinden Sie das eigene Konto der Führungskraft unter Einstellungen → Kanäle und tragen Sie sie als Inhaberin oder Inhaber ein.'
          : 'Lassen Sie die Führungskraft einige Beiträge selbst schreiben: Öffnen Sie den Editor auf ihrem Kanal.',
  },

  'time-budget': {
    source: '000, Risikobereich 3: Momentum; BI, Rat 7',
    title: (f) =>
      f.variant === 'thin'
        ? `${f.num('channels')} Kanäle mit ${f.num('hours')} Stunden pro Woche`
        : `${f.num('posts')} Beiträge pro Woche mit ${f.num('hours')} Stunden`,
    explanation: (f) =>
      f.variant === 'thin'
        ? 'Weniger als eine Stunde pro Woche und Kanal lässt keine Zeit zum Antworten. Gehen Sie sparsam mit Ihrer und anderer Leute Zeit um: wenige gut betreute Kanäle schlagen viele dünn betreute.'
        : 'Mehr Beiträge, als die Zeit erlaubt, heißt Beiträge, die niemand durchdenken konnte. Qualität vor Quantität.',
    nextStep: (f) =>
      f.variant === 'thin'
        ? 'Streichen Sie einen Kanal oder planen Sie mehr Stunden ein.'
        : 'Veröffentlichen Sie weniger oder planen Sie mehr Stunden ein.',
  },
  'former-members': {
    source: '004, Punkt 3',
    title: (f) => `${f.name || 'Jemand'} ist nicht mehr dabei, hat aber noch eine Aufgabe im Plan`,
    explanation: () =>
      'Eine Aufgabe bei jemandem, der nicht mehr im Team ist, ist eine Aufgabe, die niemand hat.',
    nextStep: () => 'Geben Sie die Aufgabe jemandem im Team oder entfernen Sie sie.',
  },
  'topics-out': {
    source: '000, Risikobereich 2: Worüber kommunizieren Sie?',
    title: () => 'Keine Themen außerhalb der Grenzen',
    explanation: () =>
      'Was sind die Themen, und wozu können Sie sich nicht äußern? Eine Bemerkung zum falschen Thema kann einen Sturm auslösen – wie die Äußerungen des IT-Chefs zur Netzneutralität.',
    nextStep: () => 'Legen Sie die Themen an, von denen Sie sich fernhalten, mit Beispielformulierungen.',
  },
  'topics-in': {
    source: 'BI, Rat 10: Es geht um Inhalte',
    title: () => 'Keine Themen, über die Sie sprechen',
    explanation: () =>
      'Unternehmen, die nichts zu sagen haben, und Führungskräfte ohne Anliegen scheitern heute wie früher. Legen Sie fest, worüber Sie sprechen.',
    nextStep: () => 'Legen Sie die Themen an, für die Sie bekannt sein wollen, mit Beispielformulierungen.',
  },
  'topic-examples': {
    source: 'BI, Rat 6: einfache Faustregeln',
    title: (f) => `„${f.name}“ hat keine Beispielformulierungen`,
    explanation: () =>
      'Beispiele machen aus einem Thema eine Faustregel, die man anwenden kann – und erlauben Stemme später, Entwürfe daran zu prüfen.',
    nextStep: () =>
      'Ergänzen Sie zwei, drei Formulierungen, die zeigen, wie das Thema in der Praxis aussieht.',
  },
  'not-appear': {
    source: 'BI, Rat 5: professionell auftreten',
    title: () => 'Nichts dazu, wie Sie nicht wirken wollen',
    explanation: () =>
      'Zufall und Gedankenlosigkeit dürfen nicht bestimmen, wie Sie wahrgenommen werden. Es geht nicht nur darum, wie Sie wirken wollen, sondern auch darum, wie nicht.',
    nextStep: () => 'Schreiben Sie auf, wie Sie nicht wahrgenommen werden wollen.',
  },
  offensive: {
    source: '003, Praxis 2: offensive Präsenz',
    title: (f) => (f.variant === 'vision' ? 'Keine Vision formuliert' : 'Keine Kernbotschaften'),
    explanation: () =>
      'Soziale Führungskräfte verbinden eine defensive Präsenz, die die Marke schützt, mit einer offensiven: Sie formulieren eine Vision.',
    nextStep: (f) =>
      f.variant === 'vision'
        ? 'Formulieren Sie die Vision, die Sie vermitteln wollen.'
        : 'Ergänzen Sie die drei bis fünf Botschaften, die Sie tragen wollen.',
  },
  defensive: {
    source: '003, Praxis 2; BI, Rat 4',
    title: () => 'Keine Namen oder Marken, die zu schützen sind',
    explanation: () =>
      'Eine defensive Präsenz schützt die Marke. Beobachten Sie das Bild, das Sie vermitteln: Halten Sie die Namen, Marken und Produkte fest, die beobachtet werden sollen.',
    nextStep: () => 'Ergänzen Sie die Namen und Marken, die Sie schützen.',
  },
  'leader-name-watched': {
    source: '000/001: der Sturm um die Netzneutralität; BI, Rat 4',
    title: (f) => `Der eigene Name von ${f.str('leader')} steht nicht auf der Beobachtungsliste`,
    explanation: () =>
      'Ein IT-Chef sprach an einer Universität über Netzneutralität; der Sturm im Netz ging an ihm und seiner Kommunikationsabteilung vorbei. Nicht da zu sein, hält die Diskussion über Sie nicht auf.',
    nextStep: (f) => `Nehmen Sie „${f.str('leader')}“ in die beobachteten Namen auf.`,
  },
  monitors: {
    source: '000/001: der Sturm um die Netzneutralität',
    title: (f) =>
      f.unavailable
        ? 'Gerade nicht prüfbar: Stemme konnte die Monitore nicht lesen'
        : f.variant === 'leader'
          ? `Kein Monitor erfasst den eigenen Namen von ${f.str('leader')}`
          : f.variant === 'leader-paused'
            ? `Der Monitor für den Namen von ${f.str('leader')} ist pausiert`
            : f.variant === 'term-paused'
              ? `Der Monitor für „${f.str('term')}“ ist pausiert`
              : `Kein Monitor erfasst „${f.str('term')}“`,
    explanation: (f) =>
      f.unavailable
        ? 'Solange die Monitore nicht lesbar sind, kann Stemme nicht erkennen, ob jemand mitbekommt, was über Sie gesagt wird.'
        : f.variant?.endsWith('paused')
          ? `„${f.str('monitor')}“ würde es erfassen, ist aber ausgeschaltet. Ein Sturm kann in den Stunden wachsen, in denen niemand zuhört.`
          : 'Ein Name wird erst beobachtet, wenn die Abfrage eines Monitors ihn erfasst. Sie müssen zuhören: Die Diskussion findet statt, ob Sie dabei sind oder nicht – eine Bemerkung bei einem Vortrag an einer Universität kann über Nacht zum Sturm werden.',
    nextStep: (f) =>
      f.unavailable
        ? 'Versuchen Sie es später erneut; am Plan muss dafür nichts geändert werden.'
        : f.variant?.endsWith('paused')
          ? 'Schalten Sie den Monitor wieder ein.'
          : 'Legen Sie einen Monitor dafür an – die Abfrage ist schon ausgefüllt.',
  },

  signals: {
    source: '003, Praxis 4: Signale erkunden',
    title: () => 'Keine Wettbewerber oder Vordenker, die beobachtet werden',
    explanation: () =>
      'Soziale Führungskräfte nutzen soziale Medien, um Signale über Wettbewerber, Vordenker und mögliche Übernahmeziele aufzufangen.',
    nextStep: () => 'Ergänzen Sie die Wettbewerber und Vordenker, denen Sie folgen wollen.',
  },
  'channel-activity': {
    source: '002, Rat 10: Ein Kanal ist leer, bis er gefüllt wird',
    title: (f) =>
      f.unavailable
        ? 'Gerade nicht prüfbar: was auf den geplanten Kanälen veröffentlicht wurde'
        : f.variant === 'behind'
          ? `${f.name}: ${f.num('actual')} Beiträge pro Woche, ${f.num('planned')} geplant`
          : `${f.name}: seit ${f.num('weeks')} Wochen nichts veröffentlicht und nichts geplant`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme konnte nicht lesen, was veröffentlicht wurde, und kann daher nicht sagen, ob die Kanäle gefüllt werden.'
        : f.variant === 'behind'
          ? 'Der Plan hat mehr versprochen, als der Kanal bekommt. Entweder ist der Plan für die verfügbare Zeit zu ehrgeizig, oder der Kanal schläft ein.'
          : 'Ein Kanal ist leer, bis er gefüllt wird. Ein verstummter Kanal sagt seinen Followern, dass niemand da ist.',
    nextStep: (f) =>
      f.unavailable
        ? 'Versuchen Sie es später erneut; am Plan muss dafür nichts geändert werden.'
        : f.variant === 'behind'
          ? 'Planen Sie die Beiträge ein, die der Plan verspricht – oder senken Sie die Beiträge pro Woche im Plan.'
          : 'Schreiben und planen Sie einen Beitrag für diesen Kanal – oder nehmen Sie ihn aus dem Plan.',
  },
  'guidelines-published': {
    source: '004, Punkt 2; BI, Rat 6: Richtlinien erstellen',
    title: (f) =>
      f.unavailable
        ? 'Gerade nicht prüfbar: die Richtlinien'
        : 'Es wurden noch keine Richtlinien veröffentlicht',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme konnte die Richtlinien gerade nicht lesen.'
        : 'Wer Ihr Gesicht nach außen ist, fühlt sich sicher, wenn er weiß, was erwartet wird. Gute Richtlinien sagen, was Sie erreichen wollen und worauf zu achten ist – und entstehen gemeinsam mit denen, die ihnen folgen sollen, nicht mit erhobenem Zeigefinger.',
    nextStep: (f) =>
      f.unavailable
        ? 'Versuchen Sie es später erneut.'
        : 'Beginnen Sie einen Vorschlag mit der Vorlage, lassen Sie das Team kommentieren, und veröffentlichen Sie die erste Version.',
  },
  'guidelines-acknowledged': {
    source: '004, Punkt 2: gemeinsam erarbeitete Richtlinien',
    title: (f) =>
      `${f.num('count')} von ${f.num('members')} Mitgliedern haben Version ${f.num('version')} der Richtlinien nicht bestätigt`,
    explanation: (f) =>
      `Noch nicht bestätigt: ${f.join(f.list('names'))}. Richtlinien helfen nur denen, die sie kennen.`,
    nextStep: () =>
      'Erinnern Sie sie daran, oder gehen Sie die aktuelle Version im nächsten Teamtreffen durch.',
  },
  'topics-enforced': {
    source: '000, Risikobereich 2; 004, Punkt 2',
    title: (f) =>
      f.unavailable
        ? 'Gerade nicht prüfbar: die Regeln der Richtlinien'
        : 'Die Tabuthemen fehlen in der Entwurfsprüfung',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme konnte die Regeln gerade nicht lesen.'
        : `Der Plan erklärt ${f.join(f.list('topics'))} zum Tabu, aber keine Regel nennt eine Formulierung, auf die zu achten ist – ein Entwurf, der dorthin abschweift, geht ohne Hinweis durch.`,
    nextStep: (f) =>
      f.unavailable
        ? 'Versuchen Sie es später erneut.'
        : 'Fügen Sie den Regeln verbotene Formulierungen für diese Themen hinzu.',
  },
};
