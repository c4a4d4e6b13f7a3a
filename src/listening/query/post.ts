// A post as the matcher sees it: tokenized once, then shared by every monitor that looks at it.
import { MAX_DISTANCE } from './ast.ts';
import { hostAndParents, hostOf, langCodes, normaliseAuthor, normaliseUrl } from './fields.ts';
import { tokenizeInto } from './scan.ts';
import { normaliseText } from './text.ts';
import { emptyView, type TokenView } from './words.ts';

export interface Post {
  id: string;
  text: string;
  author?: string;
  lang?: string;
  url?: string;
  links?: string[];
  title?: string;
  source?: string;
}

/**
 * Title words come first, then a wide gap, then the text: a bare term finds either, but a phrase or NEAR
 * never reaches from the headline into the body (distances are capped well below the gap).
 */
const TITLE_GAP = 10 * MAX_DISTANCE;
/** Shared by the many posts without a title; nothing ever adds to it. */
const NO_TITLE: TokenView = emptyView();

export class TokenizedPost {
  /** Title and text together: what bare terms search. */
  readonly body: TokenView = emptyView();
  /** The title alone, for `title:`. */
  readonly title: TokenView = NO_TITLE;
  readonly #linksInText: string[] = [];
  #author?: string;
  #lang?: string[];
  #source?: string;
  #url?: string;
  #links?: string[];
  #hosts?: Set<string>;

  constructor(readonly post: Post) {
    let pos = 0;
    if (post.title) {
      const title = normaliseText(post.title);
      this.title = emptyView();
      tokenizeInto(title, this.title, 0, []);
      pos = tokenizeInto(title, this.body, 0, this.#linksInText) + TITLE_GAP;
    }
    if (post.text) tokenizeInto(normaliseText(post.text), this.body, pos, this.#linksInText);
  }

  get id(): string {
    return this.post.id;
  }

  // The field values are worked out on first use: most monitors never ask for them.
  get author(): string {
    this.#author ??= this.post.author ? normaliseAuthor(this.post.author) : '';
    return this.#author;
  }

  get langs(): string[] {
    this.#lang ??= langCodes(this.post.lang);
    return this.#lang;
  }

  get source(): string {
    this.#source ??= (this.post.source ?? '').trim().toLowerCase();
    return this.#source;
  }

  /** The post's own address, normalised ('' when it has none). */
  get url(): string {
    this.#url ??= this.post.url ? normaliseUrl(this.post.url) : '';
    return this.#url;
  }

  /** Links the post carries or has in its text, normalised. */
  get links(): string[] {
    this.#links ??= [...(this.post.links ?? []), ...this.#linksInText].map(normaliseUrl);
    return this.#links;
  }

  /** Domains of the post's address and links, with their parent domains, for `site:`. */
  get hosts(): Set<string> {
    if (!this.#hosts) {
      this.#hosts = new Set();
      for (const u of this.url ? [this.url, ...this.links] : this.links)
        for (const h of hostAndParents(hostOf(u))) this.#hosts.add(h);
    }
    return this.#hosts;
  }
}

/** Tokenizes a post once; pass the result to every monitor (and to `MonitorIndex.match`). */
export function tokenize(post: Post): TokenizedPost {
  return new TokenizedPost(post);
}
