// German sentiment lexicon: praise and complaint vocabulary, colloquial forms (geil, mies, Mist), phrases,
// and the compound prefixes and last parts that German builds words from (Traum-, Scheiß-, -verschwendung).
import type { LexiconSource } from '../lexicon.ts';

export const german: LexiconSource = {
  valences: `
    3 großartig hervorragend ausgezeichnet fantastisch phantastisch wunderbar wundervoll brillant
    3 traumhaft perfekt lieben liebt geliebt sensationell überragend grandios
    2.5 toll super klasse spitze genial herrlich beeindruckend beeindruckt empfehlen empfehle
    2.5 empfehlenswert lecker geil magisch dankbar vielen_dank gute_arbeit gut_gemacht hut_ab
    2.5 jeden_cent_wert begeistert glücklich beste besten bester bestes
    2 gut gute guter gutes guten prima schön schöne schöner schönes freundlich hilfreich wertvoll
    2 cool liebe zufrieden froh freue freuen freut freude danke dank stolz erfolg erfolgreich sieg
    2 erleichterung erleichtert erfrischend reibungslos problemlos gefällt gefallen
    2 gelöst behoben pünktlich
    1.5 nett lieb mag nützlich schnell zuverlässig günstig spannend interessant verdient gewonnen
    1.5 wert ehrlich stark besser verbessert angenehm solide
    1 okay ok hoffe hoffentlich ruhig fair
    0.5 funktioniert antwortet antwort hilft hilfe erstattung geliefert
    -0.5 warten warte wartet wartezeit kalt kaltes kalte verrückt
    -1 problem probleme teuer unklar kompliziert leider schade skeptisch sorge besorgt zweifel
    -1 fehler egal beschwerde beschwerden
    -1.5 langsam lahm träge verspätung verspätet gestrichen storniert abgesagt ausgefallen verloren
    -1.5 traurig sauer schwammig umständlich anstrengend stress daneben verdammt schlimmer
    -1.5 warteschleife immer_noch_keine warte_immer_noch wartet_immer_noch aufgelegt mittelmäßig
    -1.5 krise
    -2 schlecht schlechte schlechter schlechtes schlechten mies miese mieser doof blöd dumm peinlich
    -2 lächerlich nervig nervt ärgerlich ärgert ärger enttäuscht unhöflich unfreundlich arrogant
    -2 hässlich langweilig kaputt defekt absturz abgestürzt stürzt chaos chaotisch bereue bereuen
    -2 überteuert gelogen lügen lüge angelogen mist sinnlos frustrierend frustriert wütend unzufrieden
    -2 finger_weg den_bach_runter kaputt_gemacht macht_mich_wahnsinnig nicht_wert
    -2.5 schrecklich furchtbar grauenhaft grässlich katastrophe katastrophal skandal skandalös
    -2.5 miserabel enttäuschend enttäuschung frechheit frech unverschämt eklig hasse hassen hass
    -2.5 unbrauchbar nutzlos unzumutbar inakzeptabel abzocke bescheuert verschwendung zeitverschwendung
    -2.5 scheiße scheiß schlechteste schlechtesten betrug
    -3 danke_für_nichts nie_wieder
    0 ehrlich_gesagt einfach klar ganz_klar liebe_grüße gutschein
  `,
  intensifiers: `
    1.8 extrem wahnsinnig äußerst unglaublich
    1.6 absolut mega total völlig komplett unfassbar wärmstens
    1.5 sehr wirklich richtig echt besonders
    1.3 so ganz voll viel einfach mehr noch
    1.1 ziemlich recht
    0.6 etwas bisschen wenig relativ
  `,
  negators: 'nicht kein keine keinen keinem keiner keines nie niemals nichts niemand ohne weder kaum',
  clauseNegators: 'niemand keiner nichts',
  never: 'nie niemals',
  degreeWords: 'so solch solche solchen solcher',
  again: 'wieder mehr',
  contrast: 'aber jedoch trotzdem',
  suffixes: 'esten ester estem estes ern em en er es e n s st t te ten ter tes tem et est este',
  compoundBoosts: `
    1.6 super mega hyper ultra sau mords bomben riesen top
    1.4 tod stink
  `,
  compoundValences: `
    2.5 traum lieblings
    -2 scheiß mist horror katastrophen
  `,
  negatingPrefixes: 'un miss',
};
