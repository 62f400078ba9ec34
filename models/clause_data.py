"""Language data of the clause reader (:mod:`models.clauses`): the Dutch words minutes use to
say that something was decided or that someone has to do something.

Kept apart from the code, as spaCy keeps its language data, so the lists can grow without
touching the rules. Everything is lower case.
"""

from __future__ import annotations

# Words that make the subject of a sentence someone who can act: collective nouns of public
# bodies and meetings, and role nouns that the role gazetteer may not list.
COLLECTIVES = frozenset(
    """
        college overleg bestuur raad commissie vergadering stuurgroep kernteam beleidsteam team
        werkgroep projectgroep projectteam kerngroep secretariaat gemeente gemeenten provincie
        provincies waterschap ministerie departement regio veiligheidsregio directie organisatie
        leden deelnemers partijen partners iedereen allen afdeling dienst bureau ggd politie
        brandweer rijk kabinet minister staatssecretaris staf griffie fractie fracties presidium
        agendacommissie subwerkgroep beheerteam programmateam ambtenaren bestuurders betrokkenen
        werkgroepleden coördinatoren adviseurs ab db dagelijks algemeen to gs ps bo
    """.split()
)
# Endings of Dutch nouns for a person in a role ("verkenner", "coördinator", "adviseur").
ROLE_SUFFIXES = (
    "leider", "houder", "voorzitter", "secretaris", "coördinator", "coordinator", "adviseur",
    "manager", "directeur", "medewerker", "beheerder", "functionaris", "officier", "ambtenaar",
    "wethouder", "burgemeester", "gedeputeerde", "verkenner", "kwartiermaker", "notulist",
    "griffier", "rapporteur", "woordvoerder", "contactpersoon", "trekker", "specialist",
    "deskundige", "regisseur", "planner", "inspecteur", "commandant", "arts", "jurist",
    "controller", "voorzitters", "leiders", "adviseurs", "lid", "leden", "team", "groep",
    "heemraad", "dijkgraaf", "verpleegkundige", "hoofd", "penningmeester", "commissaris",
    "ombudsman", "notaris", "consulent", "griffie", "dg", "sg", "dpg", "ovd", "boa",
)
# Words that open a sentence before its subject moves behind the verb ("Daarnaast zal de
# provincie …"): they are skipped when the subject is looked for.
ADVERBIALS = frozenset(
    """
        daarnaast vervolgens ook tevens hierna daarna verder voorts bovendien eerst tot slot
        uiteindelijk binnenkort tenslotte als zodra dan nu inmiddels
    """.split()
)
PRONOUNS = frozenset({"we", "wij", "zij", "hij", "ze", "u", "jullie", "ik"})
# Subjects that are never agents: the grammatical "it" of a forecast or a plan.
NON_AGENTS = frozenset(
    """
        het dit dat die deze er men verwachting planning aantal rapport voorstel verslag besluit
        stand situatie termijn vraag uitkomst uitvoering kosten begroting notitie memo brief
        consultatie versie onderwerp agenda aanpak proces procedure tijdpad website document
    """.split()
)
# Verbs of an agent doing something for the next meeting ("neemt contact op", "zorgt voor"),
# in their third person forms, singular and plural, with the particle that must follow.
ACTION_VERBS: tuple[tuple[str, str], ...] = (
    ("neemt", "contact"), ("nemen", "contact"), ("zorgt", ""), ("zorgen", ""),
    ("komt", "terug"), ("komen", "terug"), ("gaat", "na"), ("gaan", "na"), ("zoekt", "uit"),
    ("zoeken", "uit"), ("pakt", "op"), ("pakken", "op"), ("stuurt", ""), ("sturen", ""),
    ("verstuurt", ""), ("versturen", ""), ("levert", ""), ("leveren", ""), ("werkt", "uit"),
    ("werken", "uit"), ("agendeert", ""), ("agenderen", ""), ("informeert", ""),
    ("informeren", ""), ("bereidt", "voor"), ("bereiden", "voor"), ("onderzoekt", ""),
    ("onderzoeken", ""), ("verspreidt", ""), ("verspreiden", ""), ("organiseert", ""),
    ("organiseren", ""), ("regelt", ""), ("regelen", ""), ("stemt", "af"), ("stemmen", "af"),
    ("checkt", ""), ("checken", ""), ("koppelt", "terug"), ("koppelen", "terug"),
    ("stelt", "op"), ("stellen", "op"), ("plant", ""), ("plannen", ""), ("legt", "voor"),
    ("leggen", "voor"), ("verzorgt", ""), ("verzorgen", ""), ("inventariseert", ""),
    ("inventariseren", ""), ("benadert", ""), ("benaderen", ""), ("verkent", ""),
    ("verkennen", ""), ("deelt", ""), ("delen", ""), ("past", "aan"), ("passen", "aan"),
    ("nodigt", "uit"), ("nodigen", "uit"), ("vraagt", "na"), ("vragen", "na"),
)  # fmt: skip
# Past participles of tasks put in the passive with the one who does them: "wordt nader
# onderzocht door Geonovum".
PASSIVE_TASKS = frozenset(
    """
        onderzocht uitgewerkt opgepakt voorbereid geagendeerd nagegaan uitgezocht verspreid
        rondgestuurd opgesteld gecontroleerd aangepast bekeken uitgezet georganiseerd geregeld
        afgestemd gedeeld verstuurd opgevolgd gemaakt geïnventariseerd gecommuniceerd
    """.split()
)
