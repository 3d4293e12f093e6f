"""The rules of reading documents: text cleanup, footnotes, URLs, named sources, quotes and speakers."""
