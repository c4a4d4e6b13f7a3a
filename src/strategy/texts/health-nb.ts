// Helsesjekken på norsk bokmål: tittel, hvorfor det betyr noe (med kilde i tekstene) og neste steg.
import type { HealthTexts } from './health-types.ts';

export const healthNb: HealthTexts = {
  purpose: {
    source: 'BI, råd 1',
    title: () => 'Planen har ikke noe formål ennå',
    explanation: () =>
      'Ingen har skrevet ned hvilke oppgaver sosiale medier skal løse, hvem dere vil nå og hva tilstedeværelsen skal være til. Initiativ uten strategisk forankring gir ofte skuffende resultater – eller ingen resultater i det hele tatt.',
    nextStep: () => 'Skriv to–tre setninger: hvilke oppgaver, for hvem og med hvilket mål.',
  },
  'goals-exist': {
    source: 'BI, råd 2; 004, punkt 1',
    title: () => 'Ingen mål ennå',
    explanation: () =>
      'Uten klare mål blir sosiale medier tilfeldige og isolerte initiativ med lite sammenheng med strategiene dere allerede har – og dere kan ikke vite om det dere gjør, er riktig.',
    nextStep: () =>
      'Legg til et mål og knytt det til et forretningsmål, for eksempel lojale kunder eller synlig kundeservice.',
  },
  'goal-objective': {
    source: '004, punkt 1: «Facebook er en plattform, ikke en strategi»; BI, råd 2',
    title: (f) =>
      f.variant === 'none'
        ? 'Ingen mål er knyttet til et forretningsmål'
        : `«${f.name}» er ikke knyttet til et forretningsmål`,
    explanation: () =>
      'Finn forretningsmålene som sosiale medier kan støtte, i stedet for å lage en strategi for en plattform. Et mål som ikke tjener noe eksisterende mål, er vanskelig å måle og lett å droppe.',
    nextStep: (f) =>
      f.variant === 'none'
        ? 'Velg hvilket forretningsmål hvert mål tjener, eller skriv hvilken eksisterende strategi det støtter.'
        : 'Velg hvilket forretningsmål det tjener, eller skriv hvilken eksisterende strategi det støtter.',
  },
  'goal-kpis': {
    source: 'BI, råd 2',
    title: (f) => `«${f.name}» har ingen KPI`,
    explanation: () =>
      'Målene skal måles på linje med andre aktiviteter. Uten en KPI vet ingen om målet ble nådd.',
    nextStep: () => 'Legg til en KPI med utgangspunkt, mål og dato.',
  },
  'kpi-complete': {
    source: 'BI, råd 2; 000, risikoområde 3: «hvordan måler man nytten?»',
    title: (f) =>
      `En KPI for «${f.str('goal')}» mangler ${f.join(f.list('gaps').map((g) => f.L.gap[g as keyof typeof f.L.gap]))}`,
    explanation: (f) =>
      `«${f.L.kpiKind[f.str('kind') as keyof typeof f.L.kpiKind]}» kan bare vise fremgang når den har et utgangspunkt, et mål og en dato – og når det er klart hva som skal telles.`,
    nextStep: () => 'Fyll inn det som mangler, så målingen kan regne den ut fra ekte data.',
  },
  'kpi-overdue': {
    source: '000, risikoområde 3: «hvordan måler man nytten?»',
    title: (f) => `Datoen for en KPI under «${f.str('goal')}» er passert`,
    explanation: (f) =>
      `Måldatoen ${f.date('date')} er passert. Et mål er bare nyttig så lenge det er aktuelt.`,
    nextStep: () => 'Skriv ned hvordan det gikk, og sett neste mål og dato – eller legg KPI-en bort.',
  },
  'quality-over-quantity': {
    source: 'BI, råd 7: kvalitet fremfor kvantitet',
    title: () => 'De eneste KPI-ene teller følgere eller innlegg',
    explanation: () =>
      'Innflytelse kommer av kvaliteten på forbindelsene og det du deler, ikke av antallet venner eller innlegg. Mange tusen følgere hjelper ikke hvis det du legger ut, er uinteressant.',
    nextStep: () =>
      'Legg til en KPI om kvalitet: besvarte spørsmål, andel av samtalen, positive omtaler eller følgere i målgruppen.',
  },
  'audiences-exist': {
    source: 'BI, råd 1 og 3; 003, praksis 1',
    title: () => 'Ingen målgruppe er definert',
    explanation: () =>
      'Sosiale ledere retter seg mot en definert målgruppe med en klar grunn. Studer hvem dere vil nå og hvordan de oppfører seg på nettet, før dere bestemmer hva dere skal gjøre.',
    nextStep: () => 'Gi navn til målgruppene dere vil nå, og angi hvor aktivt hver av dem deltar.',
  },
  'audience-offer': {
    source: '003, praksis 1: «noe verdifullt og særpreget å si»',
    title: (f) => `Hva får «${f.name}» ut av dere?`,
    explanation: () =>
      'En målgruppe trenger en grunn til å lytte. Skriv ned hva denne målgruppen skal få fra dere – informasjon, hjelp, en stemme i det dere lager.',
    nextStep: () => 'Beskriv hva målgruppen får ut av å følge dere.',
  },
  'audience-reached': {
    source: 'BI, råd 3; 003, praksis 1: velg de riktige plattformene',
    title: (f) => `Ingen kanal er ment for «${f.name}»`,
    explanation: () =>
      'Tilpass aktiviteten til hver målgruppe. En målgruppe som ingen kanal er ment for, er en målgruppe ingen snakker med.',
    nextStep: () => 'Marker hvilke kanaler som når denne målgruppen, eller legg til en som gjør det.',
  },
  'participation-fit': {
    source: 'BI, råd 3; 004, punkt 1',
    title: (f) =>
      `«${f.name}» trenger en målgruppe på minst trinnet ${f.L.participation[f.str('needed') as keyof typeof f.L.participation].toLowerCase()}`,
    explanation: (f) =>
      `${f.L.objective[f.str('objective') as keyof typeof f.L.objective]} krever folk som handler, men ingen av målgruppene deres står så høyt på deltakelsesstigen. Lesere alene gir dere verken ideer eller noen som taler deres sak.`,
    nextStep: () =>
      'Legg til eller vurder på nytt en målgruppe som kommenterer, anmelder eller lager innhold – eller endre hva målet krever.',
  },
  'channels-exist': {
    source: '000/001: Duttas matrise',
    title: () => 'Ingen kanaler er planlagt',
    explanation: () =>
      'Velg kanaler ut fra to spørsmål: vil du være personlig eller profesjonell, og er nettverket du skriver for, offentlig eller lukket? Plasser så hver kanal i matrisen.',
    nextStep: () => 'Legg til kanalene dere bruker eller vil bruke, og plasser dem i matrisen.',
  },
  'channel-placed': {
    source: '000/001: Duttas matrise',
    title: (f) =>
      f.variant === 'unplaced'
        ? `«${f.name}» er ikke plassert i matrisen`
        : `«${f.name}» mangler begrunnelse for plasseringen`,
    explanation: () =>
      'Hver kanal hører hjemme et sted mellom personlig og profesjonell tone, og mellom et lukket nettverk og offentligheten. Å plassere den – og si hvorfor – gjør valget bevisst.',
    nextStep: (f) =>
      f.variant === 'unplaced'
        ? 'Dra kanalen inn i matrisen, eller velg kvadrant.'
        : 'Skriv én setning om hvorfor kanalen står der den står.',
  },
  'channel-content': {
    source: 'BI, råd 10: en kanal er tom til den fylles',
    title: (f) => `«${f.name}» har ingen innholdsplan`,
    explanation: () =>
      'Sosiale medier handler ikke om å ha en egen side, blogg eller konto. Et medium er bare en kanal, og den må fylles med innhold som er gjennomtenkt, målrettet og profesjonelt.',
    nextStep: () => 'Skriv hva dere skal publisere der, og hvor ofte.',
  },
  'three-decisions': {
    source: '001: Duttas tre beslutninger',
    title: (f) =>
      `Ikke bestemt ennå: ${f.join(f.list('missing').map((m) => f.L.decision[m as keyof typeof f.L.decision]))}`,
    explanation: () =>
      'Dutta ber om tre beslutninger: er målene profesjonelle eller personlige, henvender dere dere til en lukket gruppe eller den brede offentligheten, og hvilke ressurser – tid og vilje – har dere egentlig?',
    nextStep: () =>
      'Skriv ned beslutningene ved siden av matrisen, og timer per uke for hver person i teamet.',
  },
  'decisions-vs-matrix': {
    source: '000/001: Duttas matrise og beslutninger',
    title: (f) =>
      ({
        'closed-but-public': 'Dere valgte en lukket gruppe, men alle kanalene er offentlige',
        'public-but-private': 'Dere valgte den brede offentligheten, men alle kanalene er lukkede',
        'professional-but-personal': 'Dere valgte profesjonelle mål, men alle kanalene er personlige',
        'personal-but-professional': 'Dere valgte personlige mål, men alle kanalene er profesjonelle',
      })[f.variant ?? ''] ?? '',
    explanation: () => 'Kanalene i matrisen bør følge av beslutningene, ikke gå imot dem.',
    nextStep: () => 'Flytt en kanal, legg til en som passer, eller se på beslutningen igjen.',
  },
  'overlapping-networks': {
    source: 'BI, råd 8: flere og overlappende nettverk',
    title: (f) => `Alle kanalene er på ${f.L.network[f.str('network') as keyof typeof f.L.network]}`,
    explanation: () =>
      'Det er bedre å ha flere og overlappende nettverk enn ett stort: i ulike grupper tilbyr og tilbys dere ulike typer informasjon.',
    nextStep: () => 'Vurder et nettverk til der en del av målgruppen møtes.',
  },
  'channels-connected': {
    source: '003, praksis 1: velg de riktige plattformene',
    title: (f) =>
      f.unavailable ? 'Kan ikke sjekkes nå: de tilkoblede kanalene' : `«${f.name}» er ikke koblet til`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme fikk ikke lest de tilkoblede kanalene akkurat nå, så den kan ikke si om de planlagte kanalene har en konto.'
        : 'Kanalen står i planen, men ingen konto er koblet til for publisering.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igjen senere; ingenting i planen må endres for dette.'
        : 'Koble til kontoen under Innstillinger → Kanaler.',
  },
  'team-size': {
    source: '004, punkt 3: et team, aldri én person',
    title: (f) =>
      f.variant === 'org' ? 'Bare én person i organisasjonen' : 'Bare én person har en oppgave i planen',
    explanation: () =>
      'Hvis bare én person forstår sosiale medier, lider relasjonene når vedkommende slutter – og det er tungt å bære oppgaven alene. Som et minimum trenger hun eller han et nettverk av kolleger i andre virksomheter.',
    nextStep: (f) =>
      f.variant === 'org'
        ? 'Inviter minst én kollega til teamet.'
        : 'Gi minst én person til en oppgave i planen.',
  },
  'leader-named': {
    source: '004, punkt 3: synlig støtte fra ledelsen',
    title: () => 'Ingen leder er valgt',
    explanation: () =>
      'Når sjefen sier at det er viktig, så er det viktig. Planen bør si hvem sin støtte den hviler på.',
    nextStep: () => 'Velg lederen som planens tilstedeværelse og støtte avhenger av.',
  },
  'leader-backing': {
    source: '004, punkt 3',
    title: (f) =>
      f.variant === 'rewards'
        ? 'Ingenting om hvordan gode resultater belønnes'
        : `Hvordan viser ${f.str('leader') || 'lederen'} sin støtte?`,
    explanation: (f) =>
      f.variant === 'rewards'
        ? 'Når ledelsen belønner gode resultater og setter mål også her, stiger som regel både verdien og interessen.'
        : 'Ledelsen bør stå bak arbeidet, og gjerne synlig. Skriv ned hvordan lederen viser det – i møter, i egne innlegg, i hva hun eller han spør etter.',
    nextStep: (f) =>
      f.variant === 'rewards'
        ? 'Skriv hvordan gode resultater skal anerkjennes.'
        : 'Beskriv hvordan lederen synlig støtter arbeidet.',
  },
  'leader-own-voice': {
    source: '001: «outsourcing gjelder ikke» – autentisitet',
    title: (f) =>
      f.variant === 'low-will'
        ? `${f.str('leader')} er motvillig til å delta`
        : `${f.str('leader')} har ikke satt av egen tid i planen`,
    explanation: () =>
      'Den viktigste regelen: sosiale medier lever av autentisitet, og det kan ikke et PR-team eller et byrå levere. Har du tid og vilje til å gjøre det selv?',
    nextStep: (f) =>
      f.variant === 'low-will'
        ? 'Snakk om hva som ville gjøre det verdt det, og begynn med en mindre, personlig del.'
        : 'Gi lederen en egen oppgave, med timer per uke.',
  },
  authorship: {
    source: '001: autentisitet kan ikke settes ut',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke sjekkes nå: hvem som skriver lederens innlegg'
        : f.variant === 'no-channel'
          ? `Ingen tilkoblet kanal er ${f.str('leader')} sin egen`
          : f.variant === 'few'
            ? `Bare ${f.num('own')} av de ${f.num('posts')} siste innleggene til ${f.str('leader')} er med egne ord`
            : `Alle de ${f.num('posts')} innleggene til ${f.str('leader')} de siste ${f.num('days')} dagene er skrevet av andre`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme fikk ikke lest forfatterskapsloggen akkurat nå, så den kan ikke si hvem som skrev hvilket innlegg.'
        : f.variant === 'no-channel'
          ? 'Uten en konto merket som lederens kan loggen ikke skille lederens egne ord fra innlegg skrevet på vegne av lederen.'
          : 'En leders stemme som i sin helhet skrives av andre, er ikke lederens stemme. Følgerne merker det, og tilliten en personlig tilstedeværelse bygger, går tapt.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igjen senere; ingenting i planen må endres for dette.'
        : f.variant === 'no-channel'
          ? 'Koble til lederens egen konto under Innstillinger → Kanaler og sett lederen som eier.'
          : 'La lederen skrive noen innlegg selv: åpne skriveverktøyet på lederens kanal.',
  },

  'time-budget': {
    source: '000, risikoområde 3: momentum; BI, råd 7',
    title: (f) =>
      f.variant === 'thin'
        ? `${f.num('channels')} kanaler på ${f.num('hours')} timer i uken`
        : `${f.num('posts')} innlegg i uken på ${f.num('hours')} timer`,
    explanation: (f) =>
      f.variant === 'thin'
        ? 'Under en time i uken per kanal gir ingen tid til å svare. Bruk din egen og andres tid effektivt: færre kanaler godt drevet slår mange tynt drevet.'
        : 'Flere innlegg enn tiden tillater, betyr innlegg ingen fikk tid til å tenke gjennom. Kvalitet fremfor kvantitet.',
    nextStep: (f) =>
      f.variant === 'thin'
        ? 'Kutt en kanal eller sett av flere timer.'
        : 'Publiser mindre, eller sett av flere timer.',
  },
  'former-members': {
    source: '004, punkt 3',
    title: (f) => `${f.name || 'En person'} har sluttet, men har fortsatt en oppgave i planen`,
    explanation: () => 'En oppgave som ligger hos noen som ikke lenger er i teamet, er en oppgave ingen har.',
    nextStep: () => 'Gi oppgaven til noen i teamet, eller fjern den.',
  },
  'topics-out': {
    source: '000, risikoområde 2: hva skal du kommunisere om?',
    title: () => 'Ingen temaer er utenfor grensene',
    explanation: () =>
      'Hva er temaene, og hva er utenfor det dere kan mene noe om? En uttalelse om feil tema kan starte en storm – som IT-sjefens utspill om nettnøytralitet.',
    nextStep: () => 'Legg til temaene dere holder dere unna, med eksempelformuleringer.',
  },
  'topics-in': {
    source: 'BI, råd 10: det handler om innhold',
    title: () => 'Ingen temaer dere snakker om',
    explanation: () =>
      'Bedrifter som ikke har noe å si, og ledere som ikke har noe på hjertet, kommer til kort nå som før. Bestem hva dere snakker om.',
    nextStep: () => 'Legg til temaene dere vil være kjent for, med eksempelformuleringer.',
  },
  'topic-examples': {
    source: 'BI, råd 6: enkle tommelfingerregler',
    title: (f) => `«${f.name}» har ingen eksempelformuleringer`,
    explanation: () =>
      'Eksempler gjør et tema til en tommelfingerregel folk kan bruke – og lar Stemme sjekke utkast mot det senere.',
    nextStep: () => 'Legg til to–tre formuleringer som viser hvordan temaet ser ut i praksis.',
  },
  'not-appear': {
    source: 'BI, råd 5: vær profesjonell',
    title: () => 'Ingenting om hvordan dere ikke vil fremstå',
    explanation: () =>
      'Tilfeldigheter og utenksomhet må ikke få bestemme hvordan dere oppfattes. Fokuset skal ikke bare være på hvordan dere ønsker å fremstå, men også på hvordan dere ikke ønsker å fremstå.',
    nextStep: () => 'Skriv hvordan dere ikke vil oppfattes.',
  },
  offensive: {
    source: '003, praksis 2: offensiv tilstedeværelse',
    title: (f) => (f.variant === 'vision' ? 'Ingen visjon er skrevet ned' : 'Ingen hovedbudskap'),
    explanation: () =>
      'Sosiale ledere kombinerer en defensiv tilstedeværelse, der de beskytter merkevaren, med en offensiv: de formulerer en visjon.',
    nextStep: (f) =>
      f.variant === 'vision'
        ? 'Skriv visjonen dere vil formidle.'
        : 'Legg til de tre til fem budskapene dere vil bære frem.',
  },
  defensive: {
    source: '003, praksis 2; BI, råd 4',
    title: () => 'Ingen navn eller merkevarer å beskytte',
    explanation: () =>
      'En defensiv tilstedeværelse beskytter merkevaren. Overvåk bildet dere formidler: skriv ned navnene, merkevarene og produktene som skal følges med på.',
    nextStep: () => 'Legg til navnene og merkevarene dere beskytter.',
  },
  'leader-name-watched': {
    source: '000/001: nettnøytralitetsstormen; BI, råd 4',
    title: (f) => `Navnet til ${f.str('leader')} står ikke på listen over det dere følger med på`,
    explanation: () =>
      'En IT-sjef snakket om nettnøytralitet på et universitet; stormen på nettet gikk både ham og kommunikasjonsavdelingen hus forbi. Å ikke være til stede stopper ikke diskusjonen om deg.',
    nextStep: (f) => `Legg til «${f.str('leader')}» blant navnene dere følger med på.`,
  },
  monitors: {
    source: '000/001: nettnøytralitetsstormen',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke sjekkes nå: Stemme fikk ikke lest overvåkingene'
        : f.variant === 'leader'
          ? `Ingen overvåking dekker navnet til ${f.str('leader')}`
          : f.variant === 'leader-paused'
            ? `Overvåkingen som dekker navnet til ${f.str('leader')}, er satt på pause`
            : f.variant === 'term-paused'
              ? `Overvåkingen som dekker «${f.str('term')}», er satt på pause`
              : `Ingen overvåking dekker «${f.str('term')}»`,
    explanation: (f) =>
      f.unavailable
        ? 'Før overvåkingene kan leses, kan ikke Stemme se om noen fanger opp det som sies om dere.'
        : f.variant?.endsWith('paused')
          ? `«${f.str('monitor')}» ville fanget det opp, men den er slått av. En storm kan vokse i timene ingen lytter.`
          : 'Et navn blir bare fulgt når spørringen i en overvåking fanger det opp. Dere må lytte: diskusjonen går uansett om dere er der eller ikke – en bemerkning på et universitetsforedrag kan bli en storm over natten.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igjen senere; ingenting i planen må endres for dette.'
        : f.variant?.endsWith('paused')
          ? 'Slå overvåkingen på igjen.'
          : 'Opprett en overvåking for det – spørringen er fylt ut for deg.',
  },

  signals: {
    source: '003, praksis 4: speid etter signaler',
    title: () => 'Ingen konkurrenter eller meningsledere å følge med på',
    explanation: () =>
      'Sosiale ledere bruker sosiale medier til å fange opp signaler om konkurrenter, tankeledere og mulige oppkjøpsmål.',
    nextStep: () => 'Legg til konkurrentene og meningslederne dere vil følge.',
  },
  'channel-activity': {
    source: '002, råd 10: en kanal er tom til den fylles',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke sjekkes nå: hva som er publisert i de planlagte kanalene'
        : f.variant === 'behind'
          ? `${f.name}: ${f.num('actual')} innlegg i uka, ${f.num('planned')} planlagt`
          : `${f.name}: ingenting publisert på ${f.num('weeks')} uker og ingenting planlagt`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme fikk ikke lest hva som er publisert, så den kan ikke si om kanalene blir fylt.'
        : f.variant === 'behind'
          ? 'Planen lovet mer enn kanalen får. Enten er planen for ambisiøs for tiden dere har, eller så sklir kanalen ut.'
          : 'En kanal er tom til den fylles. En kanal som har blitt stille, forteller følgerne at ingen er der.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igjen senere; ingenting i planen må endres for dette.'
        : f.variant === 'behind'
          ? 'Planlegg innleggene planen lovet – eller senk antall innlegg i uka i planen.'
          : 'Skriv og planlegg et innlegg for kanalen – eller ta den ut av planen.',
  },
  'guidelines-published': {
    source: '004, punkt 2; BI, råd 6: lag retningslinjer',
    title: (f) =>
      f.unavailable ? 'Kan ikke sjekkes nå: retningslinjene' : 'Ingen retningslinjer er publisert',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme fikk ikke lest retningslinjene akkurat nå.'
        : 'De som er ansiktet deres utad, blir trygge når de vet hva som forventes. Gode retningslinjer sier hva dere vil oppnå og hva man bør passe på – og skrives sammen med dem som skal følge dem, ikke ovenfra.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igjen senere.'
        : 'Start et forslag fra malen, la teamet kommentere, og publiser den første versjonen.',
  },
  'guidelines-acknowledged': {
    source: '004, punkt 2: retningslinjer skrevet sammen',
    title: (f) =>
      `${f.num('count')} av ${f.num('members')} medlemmer har ikke bekreftet versjon ${f.num('version')} av retningslinjene`,
    explanation: (f) =>
      `Har ikke bekreftet ennå: ${f.join(f.list('names'))}. Retningslinjer hjelper bare dem som kjenner dem.`,
    nextStep: () => 'Minn dem på det, eller gå gjennom gjeldende versjon på neste teammøte.',
  },
  'topics-enforced': {
    source: '000, risikoområde 2; 004, punkt 2',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke sjekkes nå: reglene i retningslinjene'
        : 'Temaene utenfor grensene er ikke med i utkastsjekken',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme fikk ikke lest reglene akkurat nå.'
        : `Planen setter ${f.join(f.list('topics'))} utenfor grensene, men ingen regel nevner en formulering å se etter, så et utkast som havner der, slipper gjennom uten et ord.`,
    nextStep: (f) =>
      f.unavailable ? 'Prøv igjen senere.' : 'Legg inn forbudte formuleringer for disse temaene i reglene.',
  },
};
