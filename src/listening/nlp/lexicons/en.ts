// English sentiment lexicon, written for social-media posts about organisations, products and services.
// Base forms only where the inflection rules find the rest (love → loved, loving; crash → crashes).
import type { LexiconSource } from '../lexicon.ts';

export const english: LexiconSource = {
  valences: `
    3 excellent outstanding superb brilliant fantastic amazing awesome wonderful marvellous marvelous
    3 phenomenal exceptional magnificent flawless stunning gorgeous breathtaking masterpiece love adore
    3 perfect perfectly incredible spectacular sublime delightful thrilled ecstatic
    2.5 best beautiful lovely impressive impressed excited exciting delicious superb fabulous terrific
    2.5 grateful thankful proud congrats congratulations kudos bravo recommend recommended
    2.5 game_changer well_done worth_every_penny thank_you_so_much can't_wait cant_wait
    2 good great nice happy glad pleased enjoy enjoyable fun helpful useful valuable friendly kind
    2 smooth smoothly reliable favourite favorite cool neat sweet tasty refreshing relief relieved
    2 pleasant comfortable charming satisfied success successful win won winner thanks thank thx
    2 appreciate appreciated wow yay hooray brave generous respect inspiring inspired legend legendary
    2 solved resolved better_than_expected on_time well_made well_written looking_forward look_forward
    1.5 fine decent clear clean fast quick easy solid strong fresh fixed improved improvement
    1.5 worth worthwhile interesting hope hopeful safe calm polite patient honest fair affordable
    1.5 cheers bonus like_it liked enjoyed deserve deserved deserves
    1 ok okay better nicely alright supportive well
    0.5 sure
    0.5 work works working worked help helps helped answer answered reply replied respond responded
    0.5 refund arrive arrived delivered
    -0.5 wait waiting queue cold unbelievable crazy sorry apologise apologize
    -1 slow late problem issue bug bugs expensive pricey confusing complicated tired worried concerned
    -1 complain complaint complaints vague unclear meh mistake error errors hassle lacking mediocre
    -1 difficult on_hold lost loses lose sick noisy noise nervous doubt doubtful
    -1.5 delay delayed cancelled canceled fail failed failing wrong
    -1.5 avoid regret regrets annoyed annoying unfortunately unfortunate worse
    -1.5 confused afraid fear scary messy sloppy lazy weak hung_up still_waiting still_no
    -1.5 not_again downhill damn ugh boring bored
    -2 bad poor sad unhappy upset angry mad ridiculous absurd ugly gross rude arrogant offensive
    -2 embarrassing embarrassed shame insult useless pointless waste wasted mess broken
    -2 crash crashed crashes crashing outage failure nightmare chaos chaotic unreliable unfair
    -2 irresponsible tone-deaf condescending lame annoyance frustrated frustrating frustration
    -2 disappointed disappointing disappointment overpriced painful pain stupid silly
    -2 went_downhill go_downhill goes_downhill waste_of_time waste_of_money driving_me_crazy
    -2 ripped_off not_worth_it dislike lied lie lies liar misleading cheated cheat
    -2.5 terrible awful horrible dreadful worst hate hated hates disgusting nasty insulting
    -2.5 incompetent unacceptable disaster disastrous pathetic furious sucks suck crap crappy
    -2.5 scam rip-off shameful idiotic appalling atrocious outrageous outraged
    -3 fraud shitty shit wtf thanks_for_nothing never_again
    0 like kind_of sort_of fine_print as_well
  `,
  intensifiers: `
    1.8 extremely incredibly insanely utterly unbelievably ridiculously
    1.6 absolutely totally completely super highly truly seriously
    1.5 very really so_much
    1.3 so such too most way pretty quite
    1.2 even
    0.6 slightly somewhat bit little kinda sorta fairly rather
  `,
  negators:
    'not no never nothing none neither nor without cannot cant dont doesnt didnt isnt wasnt hardly barely',
  clauseNegators: 'nobody noone nothing',
  never: 'never',
  degreeWords: 'so such',
  again: 'again',
  contrast: 'but however',
  negationCancellers: 'enough',
  suffixes: "s es ed d ing ly er est ness 's",
  restoreE: true,
};
