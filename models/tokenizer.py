"""The tokenizer of the minutes pipeline: spaCy's Dutch rules, trimmed for speed and acronyms.

spaCy's Dutch tokenizer carries ~4,700 special cases, most of them an abbreviation in three
spellings ("vb.", "Vb.", "VB."). Building them dominates model load time, and the capitalized
spellings glue a sentence-final acronym to its period ("het VB." stays one token, so the
organisation "VB" is missed). This keeps the abbreviations minutes use (lowercase), splits a
period after a capital, and splits hyphenated compounds.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from models.redaction import MARK

TOKENIZER_NAME = "minutes_nl_tokenizer.v1"


# Abbreviations that minutes use; the other ~1,500 of spaCy's list ("abd.", "bnw.") are rare,
# and every special case costs load time.
ABBREVIATIONS = frozenset({
    "a.s.", "jl.", "j.l.", "d.d.", "dd.", "o.a.", "i.v.m.", "m.b.t.", "t.a.v.", "t.b.v.", "i.o.m.",
    "i.s.m.", "e.d.", "etc.", "z.s.m.", "n.a.v.", "m.i.v.", "m.u.v.", "c.q.", "bijv.", "bv.",
    "evt.", "ca.", "nr.", "nrs.", "vz.", "mw.", "mevr.", "dhr.", "wnd.", "art.", "blz.", "resp.",
    "incl.", "excl.", "min.", "max.", "t.o.v.", "i.p.v.", "v.w.b.", "n.v.t.", "p.m.", "o.b.v.",
    "m.n.", "z.o.z.", "e.e.a.", "i.c.m.", "vs.", "zgn.", "afd.", "tel.", "ong.", "gem.", "prov.",
    "mr.", "dr.", "ir.", "drs.", "ing.", "prof.", "jr.", "sr.", "st.", "a.i.", "mln.", "mld.",
    "wk.",
})  # fmt: skip


def _keep(exception: str) -> bool:
    if exception in ABBREVIATIONS:
        return True
    # whitespace, quotes and the Dutch clitics ('s, 't, 'n) stay; letters otherwise need a reason
    return not any(c.isalpha() for c in exception) or exception in _CLITICS


_CLITICS = {"'s", "'t", "'n", "'m", "’s", "’t", "’n", "’m"}


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered tokenizer factory; use with ``spacy.blank("nl", config=TOKENIZER_CONFIG)``."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = {k: v for k, v in defaults.tokenizer_exceptions.items() if _keep(k)}
        rules |= {k: [{ORTH: k}] for k in ABBREVIATIONS if k not in rules}
        rules[MARK] = [{ORTH: MARK}]  # one token: someone, though unnamed
        suffixes = [*defaults.suffixes, r"(?<=[A-Z])\."]
        # Split hyphenated compounds so "Zwolle-Zuid" and "COA-locatie" expose their names;
        # names with a hyphen ("Rijssen-Holten") are patterns split the same way.
        infixes = [*defaults.infixes, r"(?<=[^\W\d_])-(?=[^\W\d_])"]
        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
