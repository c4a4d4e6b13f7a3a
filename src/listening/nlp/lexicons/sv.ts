// Swedish sentiment lexicon: praise and complaint vocabulary, slang (grym, kass, asbra), phrases, and
// compound prefixes (jätte-, skit-, super-). False friends of Norwegian/Danish are scored the Swedish way
// (rolig = fun, rar = sweet).
import type { LexiconSource } from '../lexicon.ts';

export const swedish: LexiconSource = {
  valences: `
    3 fantastisk fantastiska underbar underbart underbara utmärkt utmärkta suverän suveränt fenomenal
    3 älskar älska älskade älskad perfekt tusen_tack himmelsk
    2.5 grym grymt grymma lysande strålande härlig härligt härliga imponerad imponerande rekommenderar
    2.5 rekommendera rekommenderas rekommenderad magisk magiskt perfekta toppen bra_jobbat snyggt_jobbat
    2.5 genial genialt geniala tacksam stolt tack_så_mycket stort_tack värt_varenda_krona bäst bästa succé helt_toppen
    2 bra god gott goda trevlig trevligt trevliga mysig mysigt snygg snyggt vacker vackert gillar
    2 gilla gillade kul roligt rolig glad glada nöjd nöjda tack heja lyckad lyckat lycka seger
    2 välförtjänt hjälpsam hjälpsamt vänlig vänligt värdefull värdefullt givande smidig smidigt
    2 uppfriskande lättad lättnad hurra wow skön skönt sköna rar gulligt prisvärd löst fixat fixade
    1.5 fin fint fina användbar användbart intressant spännande snabb snabbt snabbare tydlig tydligt
    1.5 ärlig ärligt pålitlig skarp förtjänt vinst värt värd bättre topp i_tid effektiv stark solid
    1 okej ok enkel enkelt billig hoppas lugn schysst
    0.5 funkar fungerar svar svarar hjälp hjälper levererat återbetalning
    -0.5 kö väntar väntade vänta kall kallt nere
    -1 problem fel bugg dyr dyrt otydlig oklar krånglig krångligt skeptisk tyvärr beklagar synd
    -1 orolig oroad tvivel galen galet telefonkö klagomål klaga klagar
    -1.5 långsam långsamt seg segt trög försenad försenat försening inställd inställt tappade
    -1.5 förlorade förlorat tråkig tråkigt tråkiga trist sur surt ledsen rädd läskig stressig
    -1.5 luddig luddigt larvig sämre krasch undvik röra rörig väntar_fortfarande fortfarande_ingen
    -1.5 fortfarande_inte lade_på tappade_bort medioker kris
    -2 dålig dåligt dåliga kass kasst besviken besviket besvikna besvikelse frustrerande frustrerad
    -2 irriterande irriterad arg pinsam pinsamt löjlig löjligt dum dumt dumma otrevlig otrevligt
    -2 arrogant arroganta ful fult fula kraschar kraschade kraschat krascha förstörde förstört
    -2 förstör ångrar ångra ångrade kaos obehaglig olycklig misslyckad misslyckades misslyckande
    -2 lurad lurade ljög ljuger lögn överprisat överpris gör_mig_galen ute_och_cyklar gå_utför
    -2 går_utför gick_utför inte_värt slöseri bortkastad bortkastat bortkastade
    -2.5 usel uselt värdelös värdelöst värdelösa sämst sämsta värst värsta hemsk hemskt hemska
    -2.5 fruktansvärd fruktansvärt förfärlig katastrof katastrofal skandal skandalös äcklig äckligt
    -2.5 förolämpande oförskämd oförskämt hatar hata hatade avsky fiasko förbannad skit
    -2.5 slöseri_med_tid idiotisk jävla helvete bluff
    -3 tack_för_ingenting aldrig_igen
    0 topparna toppar ärligt_talat
  `,
  intensifiers: `
    1.8 extremt sjukt otroligt oerhört enormt
    1.6 jätte totalt fullständigt alldeles
    1.5 mycket väldigt riktigt verkligen
    1.3 helt så vilken vilket mer mest ännu
    1.1 rätt ganska
    0.6 lite något relativt
  `,
  negators: 'inte icke ej aldrig ingen inget inga ingenting utan varken',
  clauseNegators: 'ingen inget inga ingenting',
  never: 'aldrig',
  degreeWords: 'så sådan',
  again: 'igen mer',
  contrast: 'men dock ändå',
  suffixes: 'arna erna orna ande ende are aste ast ade ad at ar er or na en et an a e t d',
  compoundBoosts: `
    1.6 jätte super mega sjukt skit kanon as
  `,
  compoundValences: `
    2 kanon drömm dröm
    -2 skit kass
  `,
  negatingPrefixes: 'o miss',
};
