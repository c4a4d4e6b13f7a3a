// Norwegian sentiment lexicon, bokmål and nynorsk in one: the shared words once, each norm's own spellings
// beside them (dårlig/dårleg is also caught by the -leg → -lig rewrite), slang and compound prefixes included.
import type { LexiconSource } from '../lexicon.ts';

export const norwegian: LexiconSource = {
  valences: `
    3 fantastisk strålende glimrende fremragende framifrå enestående utmerket nydelig vidunderlig
    3 elsk elske elsker elsket elska råbra perfekt himmelsk magisk fenomenal genial overlegen
    3 tusen_takk takk_og_lov
    2.5 herlig deilig imponert imponerende imponer anbefal anbefaler anbefales anbefalast tilrå tilrår
    2.5 flott supert super best beste stolt takknemlig gratulerer gratulasjon gratulasjonar gratulasjoner
    2.5 godt_jobbet godt_jobba bra_jobbet bra_jobba hatten_av verdt_hver_krone verd_kvar_krone
    2.5 digg digger digga digget kanon knall strålande forfriskende
    2 bra god godt gode fin fint fine hyggelig koselig glad glade fornøyd fornøgd nøgd kjekt kjekk morsom
    2 gøy artig vennlig venleg nyttig dyktig flink vakker pen søt lykke lykkelig heldig suksess vellykket
    2 topp helt_topp spennende spennande takk takker hurra jippi wow yes fortjent fortent siger
    2 lettet letta lettelse trygg behagelig raus hjelpsom hjelpsam inspirerende gledelig glede gleder
    2 gler gull gullverdt kult kul anbefaling løst løyst løste løyste fikset fiksa i_rute
    1.5 rask raskt raskere kjapp kjapt effektiv ærlig ærleg tydelig tydeleg solid sterk smart skarp
    1.5 pålitelig påliteleg verdt verd interessant fair rimelig smidig
    1.5 knirkefritt sømløst presis punktlig ryddig bedre betre forbedret forbetra
    1 håp håper håpar fredelig rolig trivelig likte liker likar grei greit ok okei billig enkel enkelt rå rått
    0.5 fungerer funker virker verkar fungere svar svarer svarar hjelp hjelper hjelpe levert refusjon lett
    -0.5 kø venting vent venter ventar kald kaldt nede kulde dyre sein
    -1 treg tregt seint vanskelig komplisert problem trøbbel feil bug vag uklar dyrt skeptisk telefonkø
    -1 bekymret bekymra stress stressende klage klager klagar dessverre beklager beklagar synd uff
    -1 forvirrende rart rar mangelfull tvil tvilsom lekkasje tap tapt
    -1.5 forsinket forsinka forsinkelse forseinking kansellert kansellerte innstilt avlyst mistet mista
    -1.5 trist lei lei_av sur surt redd skremmende tungvint umulig angre angrer angrar angra dårligere
    -1.5 verre tåpelig teit slitsom slitsomt irritert irritere huff gal galt rot rotete nedtur
    -1.5 sint feilet feila krise middelmådig venter_fortsatt venter_ennå fortsatt_ingen fortsatt_ikke
    -1.5 ventar_framleis framleis_ingen framleis_ikkje enno_ingen la_på
    -2 dårlig dårlige dårlig_gjort kjedelig keisam stygg stygt stygge ubrukelig ubrukeleg skuffet skuffa
    -2 skuffende skuffande skuffelse frustrert frustrerende frustrerande irriterende irriterande
    -2 pinlig pinleg flau flaut flautt latterlig latterleg dum dumt dumme idiotisk arrogant arrogante
    -2 respektløs kaos kaotisk bortkastet bortkasta sløsing krasj krasjer krasjar krasjet krasja
    -2 kræsj ødela ødelagt ødelegger øydela øydelagt øydelegg overpriset ulykke uheldig utrygg
    -2 mislykket mislykka misfornøyd
    -2 lurt lurte juks jukset løy laug lyver lyg løgn løgner vondt vond smerte mareritt
    -2 gå_nedover går_nedover gikk_nedover gjekk_nedover på_jordet ute_å_kjøre gjør_meg_gal
    -2 styr_unna hold_deg_unna hald_deg_unna ikke_verdt ikkje_verd frekk frekt frekke uhøflig uhøfleg
    -2.5 forferdelig forferdeleg elendig grusom grufull fæl fælt jævlig håpløs håpløst håplaus
    -2.5 katastrofe katastrofal skandale skandaløs skandaløst ekkel ekkelt hater hatar hata hatet hat
    -2.5 avsky uakseptabelt uakseptabel uholdbart uholdbar svindel svik svindlere dritt drit faen
    -2.5 helvete verst verste dårligst dårlegast dårligste
    -3 takk_for_ingenting aldri_igjen aldri_meir aldri_mer
    0 godta godtar godtok godtatt leie leier leiar leilighet toppen topper slett lurer lurte_på hatt seier
    0 seinare
  `,
  intensifiers: `
    1.8 ekstremt vanvittig sinnssykt sykt ufattelig enormt
    1.6 utrolig utruleg kjempe særdeles totalt fullstendig aldeles altfor skikkelig skikkeleg
    1.5 veldig svært virkelig verkeleg
    1.3 helt heilt så mye mykje mest enda endå
    0.6 litt lite noe noko nokså relativt
  `,
  negators: 'ikke ikkje aldri ingen inga ingenting uten utan verken',
  clauseNegators: 'ingen ingenting inga',
  never: 'aldri',
  degreeWords: 'så sånn slik',
  again: 'igjen att meir mer',
  contrast: 'men likevel',
  suffixes: 'ene ane ende ande ere are este aste ste est ast er ar en et a e t te de es',
  compoundBoosts: `
    1.6 kjempe super mega drit dritt sinnssykt ultra hyper sykt knall kanon rå bånn
    1.4 stein pill
  `,
  compoundValences: `
    2 knall kanon drømme draume gull
    1.5 kjempe super
    -2 drit dritt møkk søppel helvetes mareritt
  `,
  negatingPrefixes: 'mis u',
  rewrites: [
    [/leg(e|t|are|aste|ast)?$/, 'lig$1'],
    [/ande$/, 'ende'],
  ],
};
