"""The project's Dutch language model: dates, roles, municipalities, places, regions, orgs.

Built on ``spacy.blank("nl")`` with components and gazetteers shipped under ``models/data``:

- :mod:`models.dates` (with :mod:`models.datecalc`): the meeting date and date mentions,
  normalized to ISO values against the meeting's own date;
- :mod:`models.gazetteer`: the name tables (municipalities, places, regions, roles, orgs);
- :mod:`models.components`: the spaCy components; :mod:`models.tokenizer`: the tokenizer;
- :mod:`models.nlp`: ``load()`` and ``tag_text()`` / ``tag_texts()`` for the pipeline stages.

Importing this package is cheap; spaCy loads with :mod:`models.nlp`.
"""
