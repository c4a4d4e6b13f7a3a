// Sundhedstjekket på dansk: titel, hvorfor det er vigtigt (med kilde i teksterne) og næste skridt.
import type { HealthTexts } from './health-types.ts';

export const healthDa: HealthTexts = {
  purpose: {
    source: 'BI, råd 1',
    title: () => 'Planen har endnu intet formål',
    explanation: () =>
      'Ingen har skrevet ned, hvilke opgaver de sociale medier skal løse, hvem I vil nå, og hvad tilstedeværelsen skal bruges til. Initiativer uden strategisk forankring giver ofte skuffende resultater – eller slet ingen.',
    nextStep: () => 'Skriv to-tre sætninger: hvilke opgaver, for hvem og med hvilket mål.',
  },
  'goals-exist': {
    source: 'BI, råd 2; 004, punkt 1',
    title: () => 'Endnu ingen mål',
    explanation: () =>
      'Uden klare mål bliver de sociale medier til tilfældige, isolerede initiativer med lidt sammenhæng med de strategier, I allerede har – og så er det svært at måle, om det, I gør, er det rigtige.',
    nextStep: () =>
      'Tilføj et mål, og knyt det til et forretningsmål som loyale kunder eller synlig kundeservice.',
  },
  'goal-objective': {
    source: '004, punkt 1: »Facebook er en platform – ikke en strategi«; BI, råd 2',
    title: (f) =>
      f.variant === 'none'
        ? 'Intet mål er knyttet til et forretningsmål'
        : `»${f.name}« er ikke knyttet til et forretningsmål`,
    explanation: () =>
      'Find de forretningsmål, som de sociale medier kan understøtte, i stedet for at lave en strategi for en platform. Et mål, der ikke tjener noget eksisterende mål, er svært at måle og let at droppe.',
    nextStep: (f) =>
      f.variant === 'none'
        ? 'Vælg det forretningsmål, hvert mål tjener, eller skriv hvilken eksisterende strategi det understøtter.'
        : 'Vælg det forretningsmål, det tjener, eller skriv hvilken eksisterende strategi det understøtter.',
  },
  'goal-kpis': {
    source: 'BI, råd 2',
    title: (f) => `»${f.name}« har ingen KPI`,
    explanation: () =>
      'Målene skal måles på linje med andre aktiviteter. Uden en KPI ved ingen, om målet blev nået.',
    nextStep: () => 'Tilføj en KPI med udgangspunkt, mål og dato.',
  },
  'kpi-complete': {
    source: 'BI, råd 2; 000, risikoområde 3: »hvordan måler man nytten?«',
    title: (f) =>
      `En KPI for »${f.str('goal')}« mangler ${f.join(f.list('gaps').map((g) => f.L.gap[g as keyof typeof f.L.gap]))}`,
    explanation: (f) =>
      `»${f.L.kpiKind[f.str('kind') as keyof typeof f.L.kpiKind]}« kan kun vise fremskridt, når den har et udgangspunkt, et mål og en dato – og når det er klart, hvad der skal tælles.`,
    nextStep: () => 'Udfyld det, der mangler, så målingen kan beregne den ud fra rigtige data.',
  },
  'kpi-overdue': {
    source: '000, risikoområde 3: »hvordan måler man nytten?«',
    title: (f) => `Datoen for en KPI under »${f.str('goal')}« er overskredet`,
    explanation: (f) =>
      `Måldatoen ${f.date('date')} er passeret. Et mål er kun nyttigt, så længe det er aktuelt.`,
    nextStep: () => 'Skriv ned, hvordan det gik, og sæt næste mål og dato – eller læg KPI’en væk.',
  },
  'quality-over-quantity': {
    source: 'BI, råd 7: kvalitet frem for kvantitet',
    title: () => 'De eneste KPI’er tæller følgere eller opslag',
    explanation: () =>
      'Indflydelse kommer af kvaliteten af forbindelserne og af det, I deler – ikke af antallet af venner eller opslag. Mange tusinde følgere hjælper ikke, hvis det, I lægger ud, er uinteressant.',
    nextStep: () =>
      'Tilføj en KPI om kvalitet: besvarede spørgsmål, andel af samtalen, positive omtaler eller følgere i målgruppen.',
  },
  'audiences-exist': {
    source: 'BI, råd 1 og 3; 003, praksis 1',
    title: () => 'Ingen målgruppe er defineret',
    explanation: () =>
      'Sociale ledere henvender sig til en defineret målgruppe med en klar grund. Undersøg, hvem I vil nå, og hvordan de opfører sig på nettet, før I beslutter, hvad I vil gøre.',
    nextStep: () => 'Navngiv de målgrupper, I vil nå, og angiv hvor aktivt hver af dem deltager.',
  },
  'audience-offer': {
    source: '003, praksis 1: »noget værdifuldt og særpræget at sige«',
    title: (f) => `Hvad får »${f.name}« ud af jer?`,
    explanation: () =>
      'En målgruppe har brug for en grund til at lytte. Skriv ned, hvad målgruppen skal have fra jer – information, hjælp, indflydelse på det, I laver.',
    nextStep: () => 'Beskriv, hvad målgruppen får ud af at følge jer.',
  },
  'audience-reached': {
    source: 'BI, råd 3; 003, praksis 1: vælg de rigtige platforme',
    title: (f) => `Ingen kanal er tiltænkt »${f.name}«`,
    explanation: () =>
      'Tilpas aktiviteten til hver målgruppe. En målgruppe, som ingen kanal er tiltænkt, er en målgruppe, ingen taler med.',
    nextStep: () => 'Markér, hvilke kanaler der når målgruppen, eller tilføj en, der gør.',
  },
  'participation-fit': {
    source: 'BI, råd 3; 004, punkt 1',
    title: (f) =>
      `»${f.name}« kræver en målgruppe på mindst trinnet ${f.L.participation[f.str('needed') as keyof typeof f.L.participation].toLowerCase()}`,
    explanation: (f) =>
      `${f.L.objective[f.str('objective') as keyof typeof f.L.objective]} kræver folk, der handler, men ingen af jeres målgrupper står så højt på deltagelsesstigen. Læsere alene giver jer hverken idéer eller nogen, der taler jeres sag.`,
    nextStep: () =>
      'Tilføj eller genvurdér en målgruppe, der kommenterer, anmelder eller skaber indhold – eller ændr, hvad målet kræver.',
  },
  'channels-exist': {
    source: '000/001: Duttas matrix',
    title: () => 'Ingen kanaler er planlagt',
    explanation: () =>
      'Vælg kanaler ud fra to spørgsmål: vil du være personlig eller professionel, og er netværket, du skriver til, offentligt eller lukket? Placér derefter hver kanal i matrixen.',
    nextStep: () => 'Tilføj de kanaler, I bruger eller vil bruge, og placér dem i matrixen.',
  },
  'channel-placed': {
    source: '000/001: Duttas matrix',
    title: (f) =>
      f.variant === 'unplaced'
        ? `»${f.name}« er ikke placeret i matrixen`
        : `»${f.name}« mangler en begrundelse for sin placering`,
    explanation: () =>
      'Hver kanal hører hjemme et sted mellem personlig og professionel tone og mellem et lukket netværk og offentligheden. At placere den – og sige hvorfor – gør valget bevidst.',
    nextStep: (f) =>
      f.variant === 'unplaced'
        ? 'Træk kanalen ind i matrixen, eller vælg dens kvadrant.'
        : 'Skriv én sætning om, hvorfor kanalen står, hvor den står.',
  },
  'channel-content': {
    source: 'BI, råd 10: en kanal er tom, indtil den fyldes',
    title: (f) => `»${f.name}« har ingen indholdsplan`,
    explanation: () =>
      'Sociale medier handler ikke om at have en side, en blog eller en konto. Et medie er bare en kanal, og den skal fyldes med indhold, der er gennemtænkt, målrettet og professionelt.',
    nextStep: () => 'Skriv, hvad I vil lægge ud der, og hvor ofte.',
  },
  'three-decisions': {
    source: '001: Duttas tre beslutninger',
    title: (f) =>
      `Endnu ikke besluttet: ${f.join(f.list('missing').map((m) => f.L.decision[m as keyof typeof f.L.decision]))}`,
    explanation: () =>
      'Dutta beder om tre beslutninger: er målene professionelle eller personlige, henvender I jer til en lukket gruppe eller den brede offentlighed, og hvilke ressourcer – tid og vilje – har I egentlig?',
    nextStep: () =>
      'Skriv beslutningerne ned ved siden af matrixen, og timer om ugen for hver person i teamet.',
  },
  'decisions-vs-matrix': {
    source: '000/001: Duttas matrix og beslutninger',
    title: (f) =>
      ({
        'closed-but-public': 'I valgte en lukket gruppe, men alle kanaler er offentlige',
        'public-but-private': 'I valgte den brede offentlighed, men alle kanaler er lukkede',
        'professional-but-personal': 'I valgte professionelle mål, men alle kanaler er personlige',
        'personal-but-professional': 'I valgte personlige mål, men alle kanaler er professionelle',
      })[f.variant ?? ''] ?? '',
    explanation: () => 'Kanalerne i matrixen bør følge af beslutningerne, ikke modsige dem.',
    nextStep: () => 'Flyt en kanal, tilføj en, der passer, eller se på beslutningen igen.',
  },
  'overlapping-networks': {
    source: 'BI, råd 8: flere overlappende netværk',
    title: (f) => `Alle kanaler er på ${f.L.network[f.str('network') as keyof typeof f.L.network]}`,
    explanation: () =>
      'Det er bedre at have flere overlappende netværk end ét stort: i forskellige grupper tilbyder og tilbydes I forskellige slags information.',
    nextStep: () => 'Overvej et netværk mere, hvor en del af målgruppen mødes.',
  },
  'channels-connected': {
    source: '003, praksis 1: vælg de rigtige platforme',
    title: (f) =>
      f.unavailable ? 'Kan ikke tjekkes nu: de tilsluttede kanaler' : `»${f.name}« er ikke forbundet`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme kunne ikke læse de tilsluttede kanaler lige nu, så den kan ikke sige, om de planlagte kanaler har en konto.'
        : 'Kanalen står i planen, men der er ingen konto forbundet til udgivelse.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igen senere; intet i planen skal ændres for dette.'
        : 'Forbind kontoen under Indstillinger → Kanaler.',
  },
  'team-size': {
    source: '004, punkt 3: et hold, aldrig én person',
    title: (f) =>
      f.variant === 'org' ? 'Kun én person i organisationen' : 'Kun én person har en opgave i planen',
    explanation: () =>
      'Hvis kun én medarbejder forstår sociale medier, er det ærgerligt for relationerne, hvis han eller hun forsvinder – og ærgerligt for personen at bære opgaven alene. Sørg som minimum for et netværk af andre social media-ansvarlige fra andre virksomheder.',
    nextStep: (f) =>
      f.variant === 'org'
        ? 'Invitér mindst én kollega til teamet.'
        : 'Giv mindst én person mere en opgave i planen.',
  },
  'leader-named': {
    source: '004, punkt 3: synlig opbakning fra ledelsen',
    title: () => 'Ingen leder er valgt',
    explanation: () =>
      'Hvis chefen siger, det er vigtigt, så er det nok vigtigt. Planen bør sige, hvis opbakning den hviler på.',
    nextStep: () => 'Vælg den leder, hvis tilstedeværelse og opbakning planen afhænger af.',
  },
  'leader-backing': {
    source: '004, punkt 3',
    title: (f) =>
      f.variant === 'rewards'
        ? 'Intet om, hvordan gode resultater belønnes'
        : `Hvordan viser ${f.str('leader') || 'lederen'} sin opbakning?`,
    explanation: (f) =>
      f.variant === 'rewards'
        ? 'Når ledelsen belønner gode resultater og begynder at opstille mål også her, stiger værdien og interessen som regel også.'
        : 'Ledelsen bør bakke op – gerne synligt. Skriv ned, hvordan lederen viser det: på møder, i egne opslag, i det hun eller han spørger til.',
    nextStep: (f) =>
      f.variant === 'rewards'
        ? 'Skriv, hvordan gode resultater skal anerkendes.'
        : 'Beskriv, hvordan lederen synligt bakker arbejdet op.',
  },
  'leader-own-voice': {
    source: '001: »outsourcing gælder ikke« – autenticitet',
    title: (f) =>
      f.variant === 'low-will'
        ? `${f.str('leader')} er modvillig over for at deltage`
        : `${f.str('leader')} har ingen tid afsat i planen`,
    explanation: () =>
      'Den vigtigste regel: sociale medier lever af autenticitet, og den kan et PR-team eller et bureau ikke levere. Har du tiden og viljen til selv at gøre det?',
    nextStep: (f) =>
      f.variant === 'low-will'
        ? 'Tal om, hvad der ville gøre det umagen værd, og begynd med en mindre, personlig del.'
        : 'Giv lederen en opgave selv, med timer om ugen.',
  },
  authorship: {
    source: '001: autenticitet kan ikke outsources',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke tjekkes nu: hvem der skriver lederens opslag'
        : f.variant === 'no-channel'
          ? `Ingen tilsluttet kanal er ${f.str('leader')}s egen`
          : f.variant === 'few'
            ? `Kun ${f.num('own')} af ${f.str('leader')}s ${f.num('posts')} seneste opslag er med egne ord`
            : `Alle ${f.num('posts')} opslag fra ${f.str('leader')} i de seneste ${f.num('days')} dage er skrevet af andre`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme kunne ikke læse forfatterskabsloggen lige nu, så den kan ikke sige, hvem der skrev hvilket opslag.'
        : f.variant === 'no-channel'
          ? 'Uden en konto markeret som lederens kan loggen ikke skelne lederens egne ord fra opslag skrevet på lederens vegne.'
          : 'En leders stemme, som helt og holdent skrives af andre, er ikke lederens stemme. Følgerne mærker det, og den tillid en personlig tilstedeværelse opbygger, går tabt.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igen senere; intet i planen skal ændres for dette.'
        : f.variant === 'no-channel'
          ? 'Tilslut lederens egen konto under Indstillinger → Kanaler, og sæt lederen som ejer.'
          : 'Lad lederen skrive nogle opslag selv: åbn editoren på lederens kanal.',
  },

  'time-budget': {
    source: '000, risikoområde 3: momentum; BI, råd 7',
    title: (f) =>
      f.variant === 'thin'
        ? `${f.num('channels')} kanaler på ${f.num('hours')} timer om ugen`
        : `${f.num('posts')} opslag om ugen på ${f.num('hours')} timer`,
    explanation: (f) =>
      f.variant === 'thin'
        ? 'Under en time om ugen per kanal giver ingen tid til at svare. Brug din egen og andres tid effektivt: få kanaler, der passes godt, slår mange, der passes tyndt.'
        : 'Flere opslag, end tiden tillader, betyder opslag, ingen nåede at tænke igennem. Kvalitet frem for kvantitet.',
    nextStep: (f) =>
      f.variant === 'thin'
        ? 'Drop en kanal, eller afsæt flere timer.'
        : 'Læg mindre ud, eller afsæt flere timer.',
  },
  'former-members': {
    source: '004, punkt 3',
    title: (f) => `${f.name || 'En person'} er stoppet, men har stadig en opgave i planen`,
    explanation: () =>
      'En opgave, der ligger hos en, som ikke længere er på holdet, er en opgave, ingen har.',
    nextStep: () => 'Giv opgaven til en på holdet, eller fjern den.',
  },
  'topics-out': {
    source: '000, risikoområde 2: hvad skal du kommunikere om?',
    title: () => 'Ingen emner er uden for grænserne',
    explanation: () =>
      'Hvad er emnerne, og hvad ligger uden for det, I kan mene noget om? En bemærkning om det forkerte emne kan starte en storm – som IT-chefens udtalelser om netneutralitet.',
    nextStep: () => 'Tilføj de emner, I holder jer fra, med eksempler på formuleringer.',
  },
  'topics-in': {
    source: 'BI, råd 10: det handler om indhold',
    title: () => 'Ingen emner, I taler om',
    explanation: () =>
      'Virksomheder, der intet har at sige, og ledere, der intet har på hjerte, kommer til kort nu som før. Beslut, hvad I taler om.',
    nextStep: () => 'Tilføj de emner, I vil være kendt for, med eksempler på formuleringer.',
  },
  'topic-examples': {
    source: 'BI, råd 6: enkle tommelfingerregler',
    title: (f) => `»${f.name}« har ingen eksempler på formuleringer`,
    explanation: () =>
      'Eksempler gør et emne til en tommelfingerregel, folk kan bruge – og lader Stemme tjekke udkast mod det senere.',
    nextStep: () => 'Tilføj to-tre formuleringer, der viser, hvordan emnet ser ud i praksis.',
  },
  'not-appear': {
    source: 'BI, råd 5: vær professionel',
    title: () => 'Intet om, hvordan I ikke vil fremstå',
    explanation: () =>
      'Tilfældigheder og tankeløshed må ikke bestemme, hvordan I opfattes. Fokus skal ikke kun være på, hvordan I vil fremstå, men også på, hvordan I ikke vil.',
    nextStep: () => 'Skriv, hvordan I ikke vil opfattes.',
  },
  offensive: {
    source: '003, praksis 2: offensiv tilstedeværelse',
    title: (f) => (f.variant === 'vision' ? 'Ingen vision er skrevet ned' : 'Ingen hovedbudskaber'),
    explanation: () =>
      'Sociale ledere kombinerer en defensiv tilstedeværelse, hvor de beskytter brandet, med en offensiv: de formulerer en vision.',
    nextStep: (f) =>
      f.variant === 'vision'
        ? 'Skriv den vision, I vil formidle.'
        : 'Tilføj de tre til fem budskaber, I vil bære frem.',
  },
  defensive: {
    source: '003, praksis 2; BI, råd 4',
    title: () => 'Ingen navne eller brands at beskytte',
    explanation: () =>
      'En defensiv tilstedeværelse beskytter brandet. Hold øje med det billede, I formidler: skriv de navne, brands og produkter ned, der skal holdes øje med.',
    nextStep: () => 'Tilføj de navne og brands, I beskytter.',
  },
  'leader-name-watched': {
    source: '000/001: netneutralitetsstormen; BI, råd 4',
    title: (f) => `${f.str('leader')}s eget navn er ikke på listen over det, I holder øje med`,
    explanation: () =>
      'En IT-chef talte om netneutralitet på et universitet; stormen på nettet gik både ham og kommunikationsafdelingen forbi. At blive væk stopper ikke diskussionen om dig.',
    nextStep: (f) => `Tilføj »${f.str('leader')}« til de navne, I holder øje med.`,
  },
  monitors: {
    source: '000/001: netneutralitetsstormen',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke tjekkes nu: Stemme kunne ikke læse overvågningerne'
        : f.variant === 'leader'
          ? `Ingen overvågning dækker ${f.str('leader')}s eget navn`
          : f.variant === 'leader-paused'
            ? `Overvågningen, der dækker ${f.str('leader')}s navn, er sat på pause`
            : f.variant === 'term-paused'
              ? `Overvågningen, der dækker »${f.str('term')}«, er sat på pause`
              : `Ingen overvågning dækker »${f.str('term')}«`,
    explanation: (f) =>
      f.unavailable
        ? 'Indtil overvågningerne kan læses, kan Stemme ikke se, om nogen opfanger, hvad der bliver sagt om jer.'
        : f.variant?.endsWith('paused')
          ? `»${f.str('monitor')}« ville fange det, men den er slået fra. En storm kan vokse i de timer, ingen lytter.`
          : 'Et navn bliver kun fulgt, når en overvågnings forespørgsel fanger det. I er nødt til at lytte: diskussionen foregår, uanset om I er der eller ej – en bemærkning ved et universitetsforedrag kan blive en storm fra den ene dag til den anden.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igen senere; intet i planen skal ændres for dette.'
        : f.variant?.endsWith('paused')
          ? 'Slå overvågningen til igen.'
          : 'Opret en overvågning til det – forespørgslen er udfyldt for dig.',
  },

  signals: {
    source: '003, praksis 4: opfang signaler',
    title: () => 'Ingen konkurrenter eller meningsdannere at holde øje med',
    explanation: () =>
      'Sociale ledere bruger sociale medier til at opfange signaler om konkurrenter, tankeledere og mulige opkøbsmål.',
    nextStep: () => 'Tilføj de konkurrenter og meningsdannere, I vil følge.',
  },
  'channel-activity': {
    source: '002, råd 10: en kanal er tom, indtil den fyldes',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke tjekkes nu: hvad der er udgivet på de planlagte kanaler'
        : f.variant === 'behind'
          ? `${f.name}: ${f.num('actual')} opslag om ugen, ${f.num('planned')} planlagt`
          : `${f.name}: intet udgivet i ${f.num('weeks')} uger og intet planlagt`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme kunne ikke læse, hvad der er udgivet, så den kan ikke sige, om kanalerne bliver fyldt.'
        : f.variant === 'behind'
          ? 'Planen lovede mere, end kanalen får. Enten er planen for ambitiøs til den tid, I har, eller også glider kanalen.'
          : 'En kanal er tom, indtil den fyldes. En kanal, der er blevet stille, fortæller følgerne, at ingen er der.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igen senere; intet i planen skal ændres for dette.'
        : f.variant === 'behind'
          ? 'Planlæg de opslag, planen lovede – eller sænk antal opslag om ugen i planen.'
          : 'Skriv og planlæg et opslag til kanalen – eller tag den ud af planen.',
  },
  'guidelines-published': {
    source: '004, punkt 2; BI, råd 6: lav retningslinjer',
    title: (f) =>
      f.unavailable ? 'Kan ikke tjekkes nu: retningslinjerne' : 'Der er ikke udgivet nogen guidelines',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme kunne ikke læse retningslinjerne lige nu.'
        : 'De medarbejdere, der er jeres ansigt udadtil, bliver trygge, når de ved, hvad der forventes. Gode guidelines handler om, hvad I søger at opnå, og hvad man skal være opmærksom på – og de udarbejdes sammen med dem, der skal følge dem, ikke med løftede pegefingre.',
    nextStep: (f) =>
      f.unavailable
        ? 'Prøv igen senere.'
        : 'Start et forslag fra skabelonen, lad holdet kommentere, og udgiv den første version.',
  },
  'guidelines-acknowledged': {
    source: '004, punkt 2: guidelines udarbejdet sammen',
    title: (f) =>
      `${f.num('count')} af ${f.num('members')} medlemmer har ikke bekræftet version ${f.num('version')} af retningslinjerne`,
    explanation: (f) =>
      `Har ikke bekræftet endnu: ${f.join(f.list('names'))}. Guidelines hjælper kun dem, der kender dem.`,
    nextStep: () => 'Mind dem om det, eller gennemgå den gældende version på næste holdmøde.',
  },
  'topics-enforced': {
    source: '000, risikoområde 2; 004, punkt 2',
    title: (f) =>
      f.unavailable
        ? 'Kan ikke tjekkes nu: reglerne i retningslinjerne'
        : 'Emnerne uden for grænserne er ikke med i kladdetjekket',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme kunne ikke læse reglerne lige nu.'
        : `Planen sætter ${f.join(f.list('topics'))} uden for grænserne, men ingen regel nævner en formulering at holde øje med, så en kladde, der havner der, slipper igennem uden et ord.`,
    nextStep: (f) =>
      f.unavailable ? 'Prøv igen senere.' : 'Tilføj forbudte formuleringer for disse emner til reglerne.',
  },
};
