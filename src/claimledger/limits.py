"""Size limits for one article, in one place. Every input path (a file, stdin, a URL, a JSONL
line, a WARC record, a feed entry, the web form) enforces both, each with one clear message.

- `MAX_INPUT_BYTES` bounds what is read for one article before anything is parsed: one
  article is at most a few hundred kB of HTML, so 10 MB leaves room for bloated pages while
  refusing data dumps handed over by mistake before they cost minutes of parsing.
- `MAX_ARTICLE_CHARS` bounds the clean article text that goes to spaCy, whose pipeline
  refuses longer texts (`nlp.max_length` is 1,000,000 by default); `pipeline.build_article`
  checks it, so no path can skip it. Raising it needs the text parsed in parts.
"""

MAX_INPUT_BYTES = 10_000_000
MAX_ARTICLE_CHARS = 1_000_000
