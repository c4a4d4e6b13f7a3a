// Function words of our users' languages (nb, nn, da, sv, de, en). The presearcher avoids indexing a monitor
// under one of these when the query offers a rarer required term: nearly every post contains them.
const LISTS = [
  // bokmål and nynorsk
  'og i er som en et ei det den de på av med ikke at for til om har var vil kan skal må seg sin sitt sine ' +
    'han hun vi du jeg meg deg oss dere dem man noe noen alle også så men eller når hvor hva hvem hvis ' +
    'fra ut opp inn over under etter før ved mot hos uten mellom blir ble bli være vært har hadde får fikk ' +
    'her der nå da bare mer mest mange mye denne dette disse eit ein ikkje eg ho dei dykk kva kor korleis ' +
    'frå berre òg vere vore hjå',
  // Danish
  'af ikke jeg hun vi han de dem mig dig sig hvad hvor hvem hvis nu når efter fra til ud op ind over under ' +
    'meget mere mest nogle noget alle også men eller være været bliver blev blive have havde får fik kan ' +
    'skal vil må denne dette disse her der',
  // Swedish
  'och att är som en ett det den de på av med inte för till om har hade var vill kan ska måste sig sin ' +
    'han hon vi du jag mig dig oss er dem man något några alla också så men eller när var vad vem om från ' +
    'ut upp in över under efter före vid mot hos utan mellan blir blev bli vara varit här där nu då bara ' +
    'mer mest många mycket denna detta dessa',
  // German
  'der die das den dem des ein eine einer einem einen und oder aber nicht ist sind war waren sein hat ' +
    'haben hatte wird werden wurde kann können muss soll will ich du er sie es wir ihr man sich mit von zu ' +
    'im in an auf aus bei für über unter nach vor um durch als wie wenn dass auch nur noch schon so sehr ' +
    'mehr hier dort da dann was wer wo',
  // English
  'the a an and or but not is are was were be been being has have had do does did will would can could ' +
    'shall should may might must i you he she it we they me him her us them my your his its our their ' +
    'this that these those of to in on at by for with from about as into over under after before than ' +
    'then so if when where what who which there here just also more most very',
];

export const COMMON_WORDS: ReadonlySet<string> = new Set(LISTS.join(' ').split(/\s+/));
