// Feed documents the tests serve over local HTTP: real-world shapes, Nordic text, and hostile cases.

export const NORDIC_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Nyheter fra Østfold &amp; omegn</title>
    <link>https://avis.example.no/</link>
    <description>Lokale nyheter</description>
    <language>nb-NO</language>
    <item>
      <title>Blåbærsyltetøy på Ærø &amp; Åland</title>
      <link>https://avis.example.no/sak/1</link>
      <guid isPermaLink="false">avis-sak-1</guid>
      <dc:creator>Kari Nordmann</dc:creator>
      <pubDate>Tue, 03 Jun 2025 08:30:00 +0200</pubDate>
      <description><![CDATA[<p>Næringslivet i <b>Østfold</b> er bekymret &nbsp;for nettnøytralitet.</p><p>Les mer på <a href="/sak/2">neste sak</a>.</p><script>alert(1)</script>]]></description>
    </item>
    <item>
      <title>Bare &amp; and entities &eacute;</title>
      <link>https://avis.example.no/sak/3</link>
      <description>&lt;p&gt;Tekst med &amp;oslash; og &amp;aring;&lt;/p&gt;</description>
    </item>
    <item>
      <description>Et innslag uten lenke eller guid</description>
    </item>
  </channel>
</rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
  <title>Svensk blogg</title>
  <link href="https://blogg.example.se/"/>
  <link rel="self" href="https://blogg.example.se/atom.xml"/>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>2025-06-01T12:00:00Z</updated>
  <entry>
    <title type="html">Räksmörgås &amp;amp; kaffe</title>
    <link rel="alternate" href="https://blogg.example.se/2025/06/raksmorgas"/>
    <id>tag:blogg.example.se,2025:1</id>
    <published>2025-06-01T10:00:00Z</published>
    <updated>2025-06-01T12:00:00Z</updated>
    <author><name>Sven Svensson</name></author>
    <content type="html">&lt;p&gt;Det är &lt;em&gt;gött&lt;/em&gt; med fika.&lt;/p&gt;</content>
  </entry>
</feed>`;

export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://bomb.example/</link>
<item><title>&lol9;</title><link>https://bomb.example/1</link><description>&lol9;</description></item>
</channel></rss>`;

/** ISO-8859-1 bytes, declared only in the XML prolog. */
export function latin1Rss(): Buffer {
  const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Dansk nyhedsbrev</title><link>https://nyhed.example.dk/</link>
<item><title>Rødgrød med fløde – æblekage</title><link>https://nyhed.example.dk/1</link>
<description>Søndag i Århus: “Gætter” på vejret</description></item></channel></rss>`;
  // windows-1252 is the superset real "ISO-8859-1" feeds use (curly quotes, en dash).
  const out: number[] = [];
  const cp1252: Record<string, number> = { '–': 0x96, '“': 0x93, '”': 0x94 };
  for (const ch of xml) out.push(cp1252[ch] ?? ch.charCodeAt(0));
  return Buffer.from(out);
}

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Deutscher Feed',
  home_page_url: 'https://feed.example.de/',
  language: 'de',
  items: [
    {
      id: 'de-1',
      url: 'https://feed.example.de/1',
      title: 'Straße und Größe',
      content_html: '<p>Grüße aus <a href="https://x.example.de/">München</a></p>',
      date_published: '2025-05-01T09:00:00+02:00',
      authors: [{ name: 'Jörg' }],
    },
  ],
});

export const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF feed</title><link>https://rdf.example/</link><description>d</description></channel>
  <item rdf:about="https://rdf.example/1"><title>Første</title><link>https://rdf.example/1</link>
    <description>Nynorsk tekst</description><dc:creator>Ivar</dc:creator><dc:date>2025-01-02T03:04:05Z</dc:date><dc:language>nn</dc:language></item>
</rdf:RDF>`;
