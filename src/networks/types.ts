// The one interface every network implements. Publishing code talks only to this: it never asks which network
// it has, it reads the network's limits from describe() and the class of a failure from NetworkError.

/** How a failure should be handled: reconnect the account, try again later, or give up (bad content). */
export type FailureClass = 'auth' | 'retry' | 'permanent';

export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(
    readonly failure: FailureClass,
    message: string,
    /** The network's own status or error code, for the attempts history. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface TextLimit {
  max: number;
  /** What is counted: user-perceived characters (Bluesky) or code points (Mastodon). */
  unit: 'graphemes' | 'characters';
  /** Networks that shorten links count each URL as this many characters whatever its length (Mastodon: 23). */
  urlLength?: number;
}

export interface NetworkLimits {
  /** A display name for the network ("Bluesky"); never used to branch on. */
  label: string;
  text: TextLimit;
  media: {
    maxImages: number;
    maxImageBytes: number;
    mimeTypes: string[];
    /** Alt text: we require it for publishing everywhere; this is the network's length cap. */
    maxAltText: number;
  };
  /** Whether a post can be a chain of replies, and how many parts at most. */
  threads: { supported: boolean; maxParts: number };
  /** Links, mentions and hashtags become rich text (facets) rather than plain characters. */
  facets: boolean;
  /** A published post can be deleted through the API. */
  deletable: boolean;
  /** A published post's text can be changed through the API (then the Network has `edit`). Absent: no. */
  editable?: boolean;
}

export interface ImageInput {
  bytes: Uint8Array;
  mimeType: string;
  alt: string;
}

/** What the author wrote once, before any network's rules are applied. */
export interface Draft {
  text: string;
  images: ImageInput[];
  /** Split text that is too long into a numbered chain where the network supports threads. */
  thread: boolean;
}

export interface VariantPart {
  text: string;
  images: ImageInput[];
}

/** The post as it will go out on one network: one part, or several for a thread (each a reply to the one before). */
export interface Variant {
  parts: VariantPart[];
}

export interface Problem {
  code:
    | 'text_too_long'
    | 'text_empty'
    | 'too_many_images'
    | 'image_too_large'
    | 'image_type'
    | 'alt_text_missing'
    | 'alt_text_too_long'
    | 'thread_unsupported'
    | 'thread_too_long';
  message: string;
  /** Index of the part (in a thread) the problem is in. */
  part?: number;
}

export interface RemotePart {
  remoteId: string;
  url: string;
}

export interface RemotePost {
  /** The first part's id: what the post is known by. */
  remoteId: string;
  url: string;
  parts: RemotePart[];
}

/** One published record read back from the network. */
export interface FetchedPost extends RemotePart {
  /** The text as the network stores it (plain text). */
  text: string;
  /** Alt texts of its images, in order. */
  alts: string[];
  /** The remote id of the post it replies to (the previous part of a thread). */
  replyTo: string | null;
}

/**
 * Names a publish for the network so that repeating it cannot create a second post. Fixed at the first
 * attempt and reused for every retry; `issuedAt` is when that attempt began (some networks derive ids from it).
 */
export interface IdempotencyKey {
  key: string;
  issuedAt: Date;
}

export interface Network {
  describe(): NetworkLimits;
  /** Applies the network's rules to a draft without I/O; never truncates: what does not fit is a Problem. */
  adapt(draft: Draft): { variant: Variant; problems: Problem[] };
  /** Checks an (edited) variant against the limits; the publish job refuses a variant with problems. */
  check(variant: Variant): Problem[];
  /**
   * Publishes; with the same key a second call returns the post of the first instead of duplicating it
   * (as far as the network allows: see each connector). Throws NetworkError.
   */
  publish(variant: Variant, key: IdempotencyKey, signal?: AbortSignal): Promise<RemotePost>;
  /**
   * The check before a retry after an unknown outcome (crash, timeout): the post published under this key,
   * or null if there is none. `variant` helps networks that cannot look a key up directly.
   */
  findByIdempotencyKey(
    key: IdempotencyKey,
    variant: Variant,
    signal?: AbortSignal,
  ): Promise<RemotePost | null>;
  /** Reads a published post back; null when it does not exist (any more). */
  fetch(remoteId: string, signal?: AbortSignal): Promise<FetchedPost | null>;
  /** Deletes every part; deleting what is already gone is not an error. */
  delete(post: RemotePost, signal?: AbortSignal): Promise<void>;
  /**
   * Replaces the text of one published part; its images stay. Only on networks that allow editing (absent on
   * Bluesky, whose records cannot be changed without losing their identity). Text over the limit is refused
   * (permanent), never truncated; a part that is gone is `permanent` with code `not_found`. Throws NetworkError.
   */
  edit?(part: RemotePart, text: string, signal?: AbortSignal): Promise<void>;
}

/** The account a set of credentials belongs to, as shown on the channel. */
export interface AccountInfo {
  remoteAccountId: string;
  handle: string;
  displayName: string;
  url: string;
}
