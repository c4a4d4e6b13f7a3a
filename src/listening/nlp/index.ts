// The enrichment API the listening pipeline uses: language of a post, and its sentiment in that language.
export { type Detection, detect } from './detect.ts';
export { type DetectedLanguage, detectLanguage, type LanguageCode } from './language.ts';
export {
  createSentiment,
  lexiconModel,
  type SentimentModel,
  type SentimentScore,
  sentiment,
} from './sentiment.ts';
