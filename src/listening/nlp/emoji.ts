// Valence of emoji and ASCII emoticons, shared by every language (they mean the same in all of them).
// Keys are emoji without variation selectors or skin tones, as the tokenizer emits them.

const EMOJI_TABLE = `
  3 😍 🥰 😻 🤩 💯 🏆
  2.5 ❤ 💕 💖 💗 💓 💞 💘 💝 😘 🥳 🎉 🎊 🙌 😊 😃 😄 😁 ☺
  2 👏 👍 😀 😆 🙂 😎 🤗 💪 ✨ ⭐ 🌟 🚀 🔥 👌 ✅ 🍾 🥂 💚 💙 💜 🧡 💛 🤍 ♥ 😇
  1.5 🙏 😂 🤣 😅 😋 🌞 ☀ 🌈 🎶 🤝 🍀 💐 🌹 🌸
  1 😉 🤞 😌 😸 👋
  −1 🤔 😐 😑 😶 🤷 😬 😴 🥱 🫠
  −1.5 😕 🙁 😟 😮‍💨 😓 😥 🙈 🤦 😳
  −2 ☹ 😞 😔 😒 🙄 😢 😭 😩 😫 😤 👎 💔 ❌ 😣 😖 😨 😰 🥴 😷 🤒 🚫 ⛔ 💀
  −2.5 😠 😱 🤢 🤮 💩 🤥 😾
  −3 😡 🤬 👿 🖕
`;

const EMOTICON_TABLE = `
  2.5 <3 :D :-D =D xD XD
  2 :) :-) =) :] ^^ ^_^ :P :-P :p :-p ;) ;-) :*
  −1.5 :/ :-/ :\\ :-\\ :| :-|
  −2 :( :-( =( :[ </3
  −2.5 :'(
`;

function parse(table: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of table.split('\n')) {
    const [head, ...rest] = line.trim().split(/\s+/);
    if (!head) continue;
    const value = Number(head.replace('−', '-'));
    for (const key of rest) map.set(key.replace(/\uFE0F/g, ''), value);
  }
  return map;
}

const EMOJI = parse(EMOJI_TABLE);
const EMOTICONS = parse(EMOTICON_TABLE);

/** Valence of one emoji or emoticon token, or 0 for the many that carry none (🍕, 🧵, ☕). */
export function emojiValence(token: string): number {
  return EMOJI.get(token) ?? EMOTICONS.get(token) ?? 0;
}
