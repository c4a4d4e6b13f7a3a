// Danish sentiment lexicon: everyday praise and complaint vocabulary, slang (fedt, træls, nederen), phrases
// and compound prefixes (mega-, pisse-, lorte-).
import type { LexiconSource } from '../lexicon.ts';

export const danish: LexiconSource = {
  valences: `
    3 fantastisk fantastiske fremragende enestående forrygende perfekt himmelsk elsker elske elskede
    3 elsket tusind_tak fænomenal vidunderlig
    2.5 skøn skønt skønne dejlig dejligt dejlige lækker lækkert lækre imponeret imponerende genial
    2.5 genialt geniale anbefale anbefaler anbefales anbefalet magisk magiske smuk smukt smukke super
    2.5 godt_gået flot_klaret taknemmelig tillykke hver_en_krone_værd helt_i_top vild_med mange_tak
    2.5 bedst bedste stolt stolte begejstret
    2 god godt gode fedt fed fede flot flotte glad glade tilfreds sød sødt søde venlig venlige
    2 hjælpsom hjælpsomme hyggelig hyggeligt sjov sjovt morsom morsomt tak takker hurra yes wow
    2 sejr fortjent vinder lærerig lærerigt værdifuld værdifuldt gnidningsfrit problemfrit
    2 forfriskende lettet lettelse succes vellykket heldig glæde glæder i_top top løst fikset
    1.5 brugbar brugbart nyttig nyttigt spændende hurtig hurtigt hurtigere effektiv ærlig ærligt
    1.5 tydelig tydeligt pæn pænt behagelig solid stærk skarp værd respekt interessant til_tiden
    1.5 bedre forbedret præcis rimelig punktlig kanon
    1 okay ok fint fin fine nem nemt enkelt billig håber håb rolig kan_lide
    0.5 virker fungerer svar svarer hjælp hjælper leveret refusion
    -0.5 kø venter ventede kold koldt nede vente
    -1 langsom langsomt sløv sløvt problem problemer fejl bøvl dyr dyrt vag uklar kompliceret besværligt
    -1 klage klager klagede desværre beklager ærgerlig ærgerligt skeptisk bekymret usikker tvivl tvivlsom telefonkø
    -1.5 forsinket forsinkelse aflyst aflysning mistet tabt trist sur surt træt ked værre irriteret
    -1.5 rod rodet fjollet venter_stadig stadig_ingen stadig_ikke lagde_på lægger_på krise
    -1.5 middelmådig skuffe
    -2 dårlig dårligt dårlige kedelig kedeligt skuffet skuffende skuffelse frustreret frustrerende
    -2 irriterende træls nederen pinlig pinligt latterlig latterligt dum dumt dumme tåbelig arrogant
    -2 arrogante uhøflig uhøfligt grim grimt grimme kaos kaotisk spild spildt ødelagde ødelagt ødelægger
    -2 crasher crashede crash nedbrud går_ned gik_ned fortryder fortryde fornærmet ligeglad ligeglade
    -2 klam klamt ulækker løj lyver løgn snyd snydt hader had vred vrede ked_af_det træt_af
    -2 ude_i_hampen ned_ad_bakke hold_jer_væk hold_dig_væk ikke_værd gør_mig_vanvittig utilfreds
    -2 overpris overprissat mislykket utryg farlig elendige
    -2.5 elendig elendigt forfærdelig forfærdeligt frygtelig frygteligt rædsom rædselsfuld værst værste
    -2.5 katastrofe katastrofal skandale skandaløs skandaløst fornærmende uacceptabel uacceptabelt
    -2.5 åndssvag åndsvag lort lorte pis møg afsky hadefuld inkompetent uduelig spild_af_tid
    -2.5 spild_af_penge svindel
    -3 tak_for_ingenting aldrig_igen
    0 toppen ringe godtage ærlig_talt lide
  `,
  intensifiers: `
    1.8 ekstremt sindssygt vanvittigt enormt
    1.7 vildt utroligt utrolig pisse
    1.6 mega særdeles totalt fuldstændig
    1.5 meget virkelig rigtig rigtigt
    1.3 helt så sikke varmt mere mest endnu
    1.1 ret temmelig ganske
    0.6 lidt noget relativt
  `,
  negators: 'ikke ik aldrig ingen intet ingenting uden hverken',
  clauseNegators: 'ingen intet ingenting',
  never: 'aldrig',
  degreeWords: 'så sådan',
  again: 'igen mere',
  contrast: 'men alligevel',
  suffixes: 'ede erne ende ene este ere ste est er en et es e t',
  compoundBoosts: `
    1.6 mega super kæmpe pisse sindssygt hammer kanon
  `,
  compoundValences: `
    2 hammer drømme guld kanon
    -2 lort lorte møg skod skide pis
  `,
  negatingPrefixes: 'u mis',
};
