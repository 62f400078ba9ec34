"""The phrase bank: bodies, roles, topics and sentence frames in Dutch, as data.

Places, municipalities and organisations are real so that tagging has something to find;
people's names are made up. Sentences are built from frames with slots, so that the same
sentence seldom recurs: a frame takes an object (a noun phrase with its article), a verb
(infinitive and te-infinitive, separable verbs split), an organisation or a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Body:
    """A kind of public body and the words its minutes use."""

    kind: str
    names: tuple[str, ...]  # body names as a letterhead writes them
    meetings: tuple[str, ...]  # meeting names ("Bestuurlijk Afstemmingsoverleg Oekraïne")
    actor: tuple[str, ...]  # the collective subject of a decision ("het college")
    roles: tuple[str, ...]
    domains: tuple[str, ...]
    city: tuple[str, ...]  # where its letters are dated
    sections: tuple[str, ...] = ()


BODIES: dict[str, Body] = {
    "veiligheidsregio": Body(
        kind="veiligheidsregio",
        names=("Veiligheidsregio Twente", "Veiligheidsregio IJsselland",
               "Veiligheidsregio Noord- en Oost-Gelderland", "Veiligheidsregio Groningen"),
        meetings=("Bestuurlijk Afstemmingsoverleg Oekraïne", "Algemeen Bestuur",
                  "Dagelijks Bestuur", "Regionaal Beleidsteam", "Veiligheidsdirectie"),
        actor=("het bestuur", "het overleg", "het dagelijks bestuur", "het algemeen bestuur"),
        roles=("voorzitter", "projectleider Oekraïne", "directeur veiligheidsregio",
               "secretaris", "regionaal commandant", "algemeen commandant bevolkingszorg",
               "communicatieadviseur", "directeur publieke gezondheid", "controller",
               "coördinator informatiemanagement", "hoofd risicobeheersing"),
        domains=("opvang", "crisis", "organisatie", "gezondheid", "financien"),
        city=("Enschede", "Zwolle", "Apeldoorn", "Groningen"),
        sections=("Opvang vluchtelingen Oekraïne", "Bedrijfsvoering", "Informatie",
                  "Ter besluitvorming", "Ter bespreking", "Crisisbeheersing"),
    ),
    "gemeente": Body(
        kind="gemeente",
        names=("Gemeente Hengelo", "Gemeente Almelo", "Gemeente Dinkelland",
               "Gemeente Hof van Twente", "Gemeente Deventer", "Gemeente Westerwolde",
               "Gemeente Amersfoort"),
        meetings=("collegevergadering", "vergadering van burgemeester en wethouders",
                  "Burgemeester en Wethouders", "Stuurgroep Woningbouw", "Raadscommissie Ruimte"),
        actor=("het college", "het college van B&W", "burgemeester en wethouders"),
        roles=("burgemeester", "wethouder Financiën", "wethouder Ruimtelijke Ordening",
               "wethouder Sociaal Domein", "gemeentesecretaris", "teamleider Ruimte",
               "griffier", "beleidsadviseur wonen", "afdelingshoofd Publiekszaken",
               "concerncontroller", "projectleider woningbouw"),
        domains=("ruimte", "financien", "sociaal", "mobiliteit", "energie", "opvang",
                 "organisatie"),
        city=("Hengelo", "Almelo", "Denekamp", "Goor", "Deventer", "Ter Apel", "Amersfoort"),
        sections=("Hamerstukken", "Bespreekstukken", "Mededelingen", "Raadsvoorstellen",
                  "Ruimte en wonen", "Sociaal domein"),
    ),
    "provincie": Body(
        kind="provincie",
        names=("Provincie Overijssel", "Provincie Gelderland", "Provincie Drenthe",
               "Provincie Utrecht"),
        meetings=("vergadering van Gedeputeerde Staten", "Bestuurlijk Overleg Energiegebied",
                  "Statencommissie Ruimte en Water", "Bestuurlijk Overleg Stikstof"),
        actor=("Gedeputeerde Staten", "het college van GS", "het overleg"),
        roles=("gedeputeerde Energie", "gedeputeerde Landbouw en Natuur", "provinciesecretaris",
               "Commissaris van de Koning", "statengriffier", "programmamanager RES",
               "adviseur omgevingsbeleid", "gedeputeerde Mobiliteit", "ambtelijk secretaris"),
        domains=("energie", "ruimte", "mobiliteit", "water", "financien"),
        city=("Zwolle", "Arnhem", "Assen", "Utrecht"),
        sections=("Energie en klimaat", "Landelijk gebied", "Mobiliteit", "Financiën",
                  "Ter besluitvorming"),
    ),
    "waterschap": Body(
        kind="waterschap",
        names=("Waterschap Vechtstromen", "Waterschap Drents Overijsselse Delta",
               "Waterschap Rijn en IJssel", "Hoogheemraadschap De Stichtse Rijnlanden"),
        meetings=("vergadering Dagelijks Bestuur", "Algemene Vergadering", "Calamiteitenoverleg",
                  "Bestuurscommissie Waterveiligheid"),
        actor=("het dagelijks bestuur", "het algemeen bestuur", "het overleg"),
        roles=("dijkgraaf", "heemraad Waterveiligheid", "secretaris-directeur",
               "hoogwatercoördinator", "teamleider peilbeheer", "adviseur watersystemen",
               "heemraad Financiën", "communicatieadviseur", "waterkeringbeheerder"),
        domains=("water", "financien", "organisatie", "ruimte"),
        city=("Almelo", "Zwolle", "Doetinchem", "Houten"),
        sections=("Waterveiligheid", "Watersysteem", "Bedrijfsvoering", "Financiën"),
    ),
    "ggd": Body(
        kind="ggd",
        names=("GGD Twente", "GGD IJsselland", "GGD Gelderland-Zuid", "GGD Drenthe"),
        meetings=("overleg Regionale Tafel Vluchtelingen", "Managementteam",
                  "Outbreak Management Team regio", "Bestuurlijk Overleg Publieke Gezondheid"),
        actor=("het overleg", "het managementteam", "het bestuur"),
        roles=("directeur publieke gezondheid", "arts infectieziektebestrijding",
               "beleidsadviseur GGD", "teamleider jeugdgezondheidszorg",
               "coördinator medische opvang asielzoekers", "sociaal verpleegkundige",
               "manager bedrijfsvoering", "woordvoerder"),
        domains=("gezondheid", "opvang", "organisatie", "sociaal"),
        city=("Enschede", "Zwolle", "Nijmegen", "Assen"),
        sections=("Infectieziektebestrijding", "Jeugdgezondheidszorg", "Opvang", "Algemeen"),
    ),
    "crisisteam": Body(
        kind="crisisteam",
        names=("Gemeentelijk Beleidsteam Dinkelland", "Regionaal Beleidsteam Twente",
               "Crisisteam Hof van Twente", "Beleidsteam Hoogwater Zwolle"),
        meetings=("Beleidsteam Hoogwater Dinkel", "Regionaal Beleidsteam", "Crisisoverleg",
                  "Gemeentelijk Beleidsteam"),
        actor=("het beleidsteam", "het crisisteam", "het team"),
        roles=("operationeel leider", "teamleider bevolkingszorg", "informatiemanager",
               "communicatieadviseur", "officier van dienst politie", "hoogwatercoördinator",
               "gemeentesecretaris", "burgemeester", "adviseur crisisbeheersing"),
        domains=("crisis", "water", "opvang", "gezondheid"),
        city=("Denekamp", "Goor", "Enschede", "Zwolle"),
        sections=("Beeldvorming", "Oordeelsvorming", "Besluitvorming", "Communicatie"),
    ),
    "ministerie": Body(
        kind="ministerie",
        names=("Ministerie van Volksgezondheid, Welzijn en Sport",
               "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
               "Ministerie van Infrastructuur en Waterstaat",
               "Ministerie van Justitie en Veiligheid"),
        meetings=("Kernteam", "Directieoverleg", "Departementaal Beleidsteam", "Stuurgroep"),
        actor=("het kernteam", "het overleg", "de stuurgroep"),
        roles=("DG Volksgezondheid", "directeur Communicatie", "programmamanager",
               "woordvoerder", "plaatsvervangend SG", "coördinerend beleidsmedewerker",
               "projectsecretaris", "juridisch adviseur", "directie Financieel-Economische Zaken"),
        domains=("gezondheid", "wetgeving", "organisatie", "crisis"),
        city=("Den Haag",),
        sections=("Actualiteiten", "Beleid", "Communicatie", "Bedrijfsvoering"),
    ),
    "tweede_kamer": Body(
        kind="tweede_kamer",
        names=("Tweede Kamer der Staten-Generaal",),
        meetings=("procedurevergadering vaste commissie voor Binnenlandse Zaken",
                  "procedurevergadering vaste commissie voor Infrastructuur en Waterstaat",
                  "procedurevergadering vaste commissie voor Volksgezondheid, Welzijn en Sport",
                  "procedurevergadering vaste commissie voor Justitie en Veiligheid"),
        actor=("de commissie", "de procedurevergadering"),
        roles=("griffier", "voorzitter", "staf", "adjunct-griffier", "rapporteur"),
        domains=("wetgeving",),
        city=("Den Haag",),
        sections=("Wetgeving", "Brieven en stukken", "Rondetafelgesprekken en hoorzittingen",
                  "Europese zaken", "Overig"),
    ),
}

ORGANISATIONS: tuple[str, ...] = (
    "GGD Twente", "COA", "Rijkswaterstaat", "Veiligheidsregio Twente", "VNG", "IPO",
    "Unie van Waterschappen", "RIVM", "Politie Oost-Nederland", "Kadaster", "ProRail",
    "Enexis", "TenneT", "Provincie Overijssel", "Waterschap Vechtstromen", "Brandweer Twente",
    "Rode Kruis", "IND", "Stichting Present", "Saxion", "woningcorporatie Welbions",
    "Omgevingsdienst Twente", "Vitens", "Defensie",
)

MUNICIPALITIES: tuple[str, ...] = (
    "Almelo", "Enschede", "Hengelo", "Borne", "Oldenzaal", "Losser", "Dinkelland", "Tubbergen",
    "Twenterand", "Hof van Twente", "Haaksbergen", "Rijssen-Holten", "Wierden", "Hellendoorn",
    "Zwolle", "Deventer", "Kampen", "Westerwolde", "Amersfoort", "Apeldoorn",
)

PLACES: tuple[str, ...] = (
    "Ter Apel", "Denekamp", "Goor", "Delden", "Lattrop", "Ootmarsum", "Langeveen", "Vroomshoop",
    "Diepenheim", "Markelo", "Nijverdal", "Glanerbrug", "Weerselo", "Vriezenveen",
)

# Made-up people: initials and surnames that are common enough not to point at anyone.
FIRST_INITIALS: tuple[str, ...] = (
    "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K.", "L.", "M.", "N.", "P.", "R.",
    "S.", "T.", "W.",
)
SURNAMES: tuple[str, ...] = (
    "Hofstede", "van der Veen", "Kuipers", "Meijerink", "Bakker", "Wolters", "Nijhuis",
    "ten Brinke", "Oude Vrielink", "Scholten", "Brouwer", "Lansink", "Dijkhuis", "Velthuis",
    "de Graaf", "Huisman", "Koster", "Mulder", "Wessels", "Hulshof", "Timmerman", "Visser",
    "Kamphuis", "Rouwhorst", "Groot Wassink", "Bosch", "Vos", "Haverkamp",
)
FIRST_NAMES: tuple[str, ...] = (
    "Marieke", "Jeroen", "Anouk", "Bart", "Ilse", "Sander", "Femke", "Ruud", "Esther", "Wouter",
    "Lotte", "Martijn", "Inge", "Gert-Jan", "Nicole", "Hans", "Karin", "Thijs",
)


@dataclass(frozen=True)
class Verb:
    """A verb in the forms the frames need: "opstellen", "op te stellen"."""

    inf: str
    te: str


@dataclass(frozen=True)
class Domain:
    """A subject area: item titles, objects to act on, facts and problems."""

    titles: tuple[str, ...]
    objects: tuple[str, ...]  # noun phrases with article, lower case
    facts: tuple[str, ...]  # clauses for "… meldt dat <fact>"
    problems: tuple[str, ...]  # full sentences
    figures: tuple[str, ...] = field(default=())  # counted things for forecasts


DOMAINS: dict[str, Domain] = {
    "opvang": Domain(
        titles=("Landelijk beeld opvang", "Stand van zaken opvang vluchtelingen",
                "Overloop asielzoekers Ter Apel", "Coördinatiepunt COA", "Opvanglocaties",
                "Huisvesting statushouders", "Regionale verdeling opvangplekken",
                "Crisisnoodopvang", "Gemeentelijke opvang ontheemden", "Begeleiding en onderwijs",
                "Financiële regeling opvang"),
        objects=("het plan van aanpak opvang", "de regionale verdeelsleutel",
                 "de lijst met beschikbare locaties", "de aanvraag voor de omgevingsvergunning",
                 "het overzicht van de bezetting per gemeente", "de afspraak met het COA",
                 "de notitie over particuliere opvang", "de inzet van het Twentse telefoonteam",
                 "de huisvesting van statushouders", "de bekostiging van de noodopvang",
                 "het convenant met de woningcorporaties", "de planning van de tweede tranche"),
        facts=("in Nederland op dit moment voldoende opvangcapaciteit is",
               "het aanmeldcentrum in Ter Apel opnieuw boven de maximale capaciteit zit",
               "de instroom de afgelopen week licht is afgenomen",
               "particuliere opvang steeds vaker vastloopt",
               "de landelijke verdeelsleutel nog niet bekend is",
               "het COA landelijk naar 2250 extra plekken zoekt",
               "de gemeenten onderling goed contact hebben"),
        problems=("Er is een tekort aan begeleiders en tolken op de grotere locaties.",
                  "Voor de locatie in Denekamp ontbreekt nog een omgevingsvergunning.",
                  "De opvanglocaties zijn niet 24 uur per dag bereikbaar.",
                  "De financiële regeling voor gemeenten is nog niet definitief.",
                  "Gemeenten lopen aan tegen knelpunten bij de registratie in de BRP.",
                  "Er zijn te weinig plekken voor gezinnen met jonge kinderen."),
        figures=("het aantal aanmeldingen", "de bezetting van de opvanglocaties",
                 "het aantal ontheemden in particuliere opvang"),
    ),
    "water": Domain(
        titles=("Actueel beeld en prognose", "Dijken en kades", "Waterpeil Dinkel",
                "Droogte en beregeningsverbod", "Onderhoud waterkeringen",
                "Hoogwaterbeschermingsprogramma", "Kwaliteit oppervlaktewater",
                "Evaluatie hoogwater", "Peilbesluit Regge", "Calamiteitenplan"),
        objects=("de prognose van de waterstanden", "het inspectieschema van de dijkwachten",
                 "het peilbesluit voor de Regge", "de maatregel bij de stuw in Lattrop",
                 "de evaluatie van het hoogwater", "het onttrekkingsverbod",
                 "de inzet van zandzakken", "het onderhoudsplan voor de kades",
                 "de communicatie naar aanwonenden", "het calamiteitenplan",
                 "het overzicht van de peilbuizen"),
        facts=("de waterstand van de Dinkel de komende dagen nog stijgt",
               "de kades bij Lattrop op twee plaatsen zijn verzadigd",
               "Rijkswaterstaat voor het weekend extra neerslag verwacht",
               "de grondwaterstand in Noordoost-Twente onder het gemiddelde ligt",
               "de dijkwachten in twee ploegen werken"),
        problems=("Er zijn onvoldoende dijkwachten beschikbaar voor de nachtdiensten.",
                  "De kade langs de Dinkel vertoont kwel over een lengte van veertig meter.",
                  "Het onttrekkingsverbod wordt niet overal nageleefd.",
                  "De voorraad zandzakken is bijna op.",
                  "Twee gemalen vallen regelmatig uit door storingen."),
        figures=("de waterstand van de Dinkel", "het aantal meldingen van wateroverlast",
                 "de afvoer van de Regge"),
    ),
    "gezondheid": Domain(
        titles=("Infectieziekten", "Huisartsenzorg op opvanglocaties", "Vaccinatiecampagne",
                "Jeugdgezondheidszorg", "Testbeleid", "Medische screening asielzoekers",
                "Luchtkwaliteit", "Hitteplan", "Capaciteit bron- en contactonderzoek",
                "Gezondheidsmonitor"),
        objects=("de planning van de vaccinatiecampagne", "het testbeleid voor de locaties",
                 "de afspraak met de huisartsenkring", "de factsheet voor gemeenten",
                 "het hitteplan", "de capaciteit voor bron- en contactonderzoek",
                 "de screening op tuberculose", "de gezondheidsmonitor jeugd",
                 "het advies over mondkapjes", "de bezetting van de spreekuren"),
        facts=("het aantal meldingen van infectieziekten stabiel is",
               "de opkomst bij de vaccinatie lager ligt dan verwacht",
               "de huisartsen in de regio de druk als hoog ervaren",
               "het RIVM een nieuw advies heeft gepubliceerd",
               "de screening op de grote locaties is afgerond"),
        problems=("De capaciteit voor bron- en contactonderzoek schiet tekort.",
                  "Er is geen vaste huisarts voor de opvanglocatie in Hengelo.",
                  "Tolken zijn niet altijd beschikbaar bij het spreekuur.",
                  "De gegevens van de screening komen te laat binnen."),
        figures=("het aantal besmettingen", "het aantal meldingen", "de vraag naar tolken"),
    ),
    "energie": Domain(
        titles=("Regionale Energiestrategie", "Netcongestie", "Zonnepark Langeveen",
                "Windenergie Noordoost-Twente", "Programmeringsafspraken",
                "Warmtetransitie", "Participatie omwonenden", "Energiegebied ATT"),
        objects=("het ontwikkelkader zon en wind", "het pakket programmeringsafspraken",
                 "het format voor principeverzoeken", "de reactie op de inloopbijeenkomst",
                 "de rapportage van de verkenner", "de begroting van het energiegebied",
                 "de afspraak met Enexis over netcapaciteit", "de transitievisie warmte",
                 "het participatieplan", "de planning van de zoekgebieden"),
        facts=("de netbeheerder tot 2029 geen extra capaciteit kan bieden",
               "de inloopbijeenkomst door ruim tweehonderd inwoners is bezocht",
               "de verkenner met alle betrokken partijen heeft gesproken",
               "de provincie de kosten voor een kwart draagt",
               "de zoekgebieden in Tubbergen zijn aangepast"),
        problems=("Het net in Noordoost-Twente zit vol; nieuwe aansluitingen wachten.",
                  "Er is weinig draagvlak voor windturbines bij Vroomshoop.",
                  "De doorlooptijd van de vergunningen is te lang.",
                  "De subsidieregeling is overtekend."),
        figures=("het aantal aanvragen", "de wachtlijst voor netaansluitingen",
                 "het aantal principeverzoeken"),
    ),
    "financien": Domain(
        titles=("Jaarrekening 2023", "Begroting 2025", "Voorjaarsnota", "Tussenrapportage",
                "Financiële regeling", "Kadernota", "Weerstandsvermogen", "Treasury",
                "Subsidieverdeling"),
        objects=("de jaarrekening", "de ontwerpbegroting", "de voorjaarsnota",
                 "de tussenrapportage", "de kadernota", "de subsidieverdeling",
                 "de accountantsrapportage", "de reservepositie", "het treasurystatuut",
                 "de begrotingswijziging"),
        facts=("het resultaat ruim twee ton hoger uitvalt dan begroot",
               "de accountant een goedkeurende verklaring afgeeft",
               "de loonkosten door de nieuwe cao stijgen",
               "de reserve boven de afgesproken bandbreedte ligt"),
        problems=("De kosten voor inhuur lopen verder op dan begroot.",
                  "De bijdrage van het Rijk is nog niet toegezegd.",
                  "Het weerstandsvermogen zakt onder de norm.",
                  "De indexering van de subsidies is niet begroot."),
        figures=("de inhuurkosten", "het tekort op de jeugdzorg", "de rentelasten"),
    ),
    "organisatie": Domain(
        titles=("Personeel en organisatie", "Huisvesting", "Informatievoorziening",
                "Ziekteverzuim", "Werving en selectie", "Informatiebeveiliging",
                "Archief en Woo-verzoeken", "Organisatieontwikkeling"),
        objects=("het formatieplan", "het verzuimbeleid", "de huisvestingsvisie",
                 "het informatiebeveiligingsplan", "de procedure voor Woo-verzoeken",
                 "de wervingscampagne", "het opleidingsplan", "de evaluatie van het thuiswerken",
                 "het plan van aanpak informatiebeheer"),
        facts=("het ziekteverzuim is gedaald tot 5,2 procent",
               "er drie vacatures openstaan in het team",
               "het aantal Woo-verzoeken verdubbeld is",
               "de verhuizing naar het nieuwe kantoor in het najaar plaatsvindt"),
        problems=("De afhandeling van Woo-verzoeken loopt achter op de wettelijke termijn.",
                  "Er zijn te weinig medewerkers voor de piekdiensten.",
                  "De nieuwe software is nog niet gekoppeld aan het zaaksysteem."),
        figures=("het aantal Woo-verzoeken", "het ziekteverzuim", "het aantal vacatures"),
    ),
    "crisis": Domain(
        titles=("Beeldvorming", "Evacuatie", "Communicatie", "Bevolkingszorg",
                "Inzet hulpdiensten", "Nafase", "Maatschappelijke onrust",
                "Verkeersmaatregelen", "Scenario's"),
        objects=("het actuele beeld", "het evacuatieplan", "de kernboodschap",
                 "de inzet van verkeersregelaars", "de opvang in de sporthal",
                 "het scenario voor het weekend", "de informatie aan bewoners",
                 "de afschaling naar GRIP 1", "de nazorg voor getroffen inwoners",
                 "het persbericht"),
        facts=("de situatie stabiel is en er geen gewonden zijn",
               "de politie de omgeving heeft afgezet",
               "het aantal meldingen via 112 is afgenomen",
               "de pers veel vragen stelt over de oorzaak",
               "de bewoners van de Dorpsstraat zijn geïnformeerd"),
        problems=("De bereikbaarheid van de noodopvang is slecht.",
                  "Er circuleren onjuiste berichten op sociale media.",
                  "Niet alle bewoners zijn bereikt met de NL-Alert.",
                  "De inzet van vrijwilligers is niet goed gecoördineerd."),
        figures=("het aantal meldingen", "het aantal geëvacueerde bewoners",
                 "het aantal vragen van inwoners"),
    ),
    "ruimte": Domain(
        titles=("Omgevingsvisie", "Woningbouwprogramma", "Bestemmingsplan Centrum",
                "Stikstof en vergunningverlening", "Grondbeleid", "Woondeal",
                "Herontwikkeling stationsgebied", "Omgevingsplan"),
        objects=("de omgevingsvisie", "het woningbouwprogramma", "de woondeal",
                 "het ontwerpbestemmingsplan", "de grondexploitatie", "het stedenbouwkundig plan",
                 "de reactie op de zienswijzen", "de stikstofberekening",
                 "de anterieure overeenkomst", "het prestatiecontract met de corporaties"),
        facts=("er dit jaar 340 woningen zijn opgeleverd",
               "de zienswijzen vooral gaan over de bouwhoogte",
               "de stikstofdepositie binnen de norm blijft",
               "de corporaties meer sociale huur willen bouwen"),
        problems=("De planvoorraad is te klein om de afspraken uit de woondeal te halen.",
                  "Voor drie projecten ontbreekt een stikstofberekening.",
                  "De grondprijzen zijn sterk gestegen.",
                  "Er zijn bezwaren ingediend tegen de bouwhoogte."),
        figures=("het aantal bouwaanvragen", "het aantal woningzoekenden",
                 "de gemiddelde wachttijd voor een huurwoning"),
    ),
    "wetgeving": Domain(
        titles=("Wijziging van de Kieswet", "Brievenlijst", "Voortgang Huis voor democratie",
                "Rondetafelgesprek politiebestel", "Beleidsdoorlichting artikel 11",
                "Wet elektronische bekendmaking", "Jaarverslag Nationale ombudsman",
                "Activiteitenoverzicht commissie", "Werkbezoek Veiligheidsregio",
                "Wetsvoorstel herindeling", "Evaluatie Wet open overheid"),
        objects=("het wetsvoorstel", "de brief van de minister", "het voorstel van de rapporteur",
                 "het verzoek om een rondetafelgesprek", "de planning van de plenaire behandeling",
                 "de beleidsdoorlichting", "het programma van het werkbezoek",
                 "de inbreng voor het schriftelijk overleg",
                 "het verslag van het rondetafelgesprek",
                 "de reactie op de motie"),
        facts=("de minister de brief voor het zomerreces toezegt",
               "de Raad van State nog advies uitbrengt",
               "meerdere fracties om een rondetafelgesprek hebben gevraagd",
               "het wetsvoorstel samenhangt met de wijziging van de Gemeentewet"),
        problems=("De termijn voor het schriftelijk overleg is erg kort.",
                  "De stukken zijn te laat aan de commissie gezonden.",
                  "De planning van de plenaire behandeling botst met het reces."),
        figures=("het aantal ingekomen stukken", "het aantal schriftelijke vragen"),
    ),
    "mobiliteit": Domain(
        titles=("Fietspad Hengelo-Borne", "Openbaar vervoer", "Verkeersveiligheid",
                "Reconstructie N349", "Parkeerbeleid", "Laadpalen", "Snelfietsroute F35"),
        objects=("het ontwerp van het fietspad", "het parkeerbeleid", "de dienstregeling",
                 "de verkeersveiligheidsanalyse", "het laadpalenplan",
                 "de planning van de reconstructie", "de subsidieaanvraag voor de F35"),
        facts=("het aantal ongevallen op de N349 is gestegen",
               "de vervoerder de dienstregeling per december aanpast",
               "er 120 nieuwe laadpalen zijn geplaatst"),
        problems=("De aanbesteding van de reconstructie is mislukt.",
                  "Er zijn onvoldoende chauffeurs voor de buslijnen in de avond.",
                  "De kosten van het fietspad vallen hoger uit."),
        figures=("het aantal reizigers", "het aantal ongevallen", "het gebruik van de laadpalen"),
    ),
    "sociaal": Domain(
        titles=("Jeugdzorg", "Wmo en beschermd wonen", "Armoedebeleid", "Schuldhulpverlening",
                "Inburgering", "Mantelzorg", "Wachtlijsten jeugd-ggz"),
        objects=("het armoedebeleid", "de inkoop van jeugdzorg", "de regeling voor mantelzorgers",
                 "het plan voor inburgering", "de aanpak van de wachtlijsten",
                 "de evaluatie van de Wmo", "het beleid voor schuldhulpverlening"),
        facts=("het aantal jongeren met jeugdhulp is gestegen",
               "de wachttijd voor jeugd-ggz gemiddeld veertien weken is",
               "meer huishoudens een beroep doen op de energietoeslag"),
        problems=("De wachtlijsten voor jeugd-ggz lopen verder op.",
                  "Zorgaanbieders kunnen de tarieven niet meer dragen.",
                  "Statushouders wachten te lang op een taalcursus."),
        figures=("het aantal aanvragen", "het aantal jongeren op de wachtlijst",
                 "de vraag naar schuldhulp"),
    ),
}

# Items every kind of meeting has, at the start or the end.
OPENING_TITLES: tuple[str, ...] = (
    "Opening en mededelingen", "Opening", "Opening en vaststellen agenda", "Mededelingen",
    "Vaststellen agenda",
)
MINUTES_TITLES: tuple[str, ...] = (
    "Verslag vorig overleg", "Vaststellen verslag", "Besluitenlijst vorige vergadering",
    "Notulen en actielijst",
)
CLOSING_TITLES: tuple[str, ...] = (
    "Rondvraag", "Rondvraag en sluiting", "Sluiting", "Wat verder ter tafel komt",
    "Vervolgafspraken", "Volgend overleg",
)

# Verbs that take an object: "<object> <inf>" as an action, "zal <object> <inf>", "te".
ACTION_VERBS: tuple[Verb, ...] = (
    Verb("opstellen", "op te stellen"), Verb("rondsturen", "rond te sturen"),
    Verb("toelichten", "toe te lichten"), Verb("voorbereiden", "voor te bereiden"),
    Verb("agenderen voor het volgend overleg", "te agenderen voor het volgend overleg"),
    Verb("afstemmen met de gemeenten", "af te stemmen met de gemeenten"),
    Verb("uitwerken", "uit te werken"), Verb("actualiseren", "te actualiseren"),
    Verb("aanleveren bij de secretaris", "aan te leveren bij de secretaris"),
    Verb("voorleggen aan het bestuur", "voor te leggen aan het bestuur"),
    Verb("verspreiden onder de leden", "te verspreiden onder de leden"),
    Verb("nader onderzoeken", "nader te onderzoeken"),
    Verb("bespreken in het ambtelijk overleg", "te bespreken in het ambtelijk overleg"),
    Verb("aanpassen op basis van de opmerkingen", "aan te passen op basis van de opmerkingen"),
    Verb("uitzetten in de organisatie", "uit te zetten in de organisatie"),
    Verb("terugkoppelen", "terug te koppelen"),
)

DECISION_VERBS: tuple[Verb, ...] = (
    Verb("vaststellen", "vast te stellen"), Verb("aanhouden", "aan te houden"),
    Verb("goedkeuren", "goed te keuren"),
    Verb("ter kennisname aannemen", "ter kennisname aan te nemen"),
    Verb("voorleggen aan de raad", "voor te leggen aan de raad"),
    Verb("in procedure brengen", "in procedure te brengen"),
    Verb("vrijgeven voor inspraak", "vrij te geven voor inspraak"),
    Verb("ongewijzigd vaststellen", "ongewijzigd vast te stellen"),
)

# Past participles for "<Object> wordt <pp>." decisions.
DECISION_PARTICIPLES: tuple[str, ...] = (
    "vastgesteld", "ongewijzigd vastgesteld", "goedgekeurd", "aangehouden tot het volgend overleg",
    "met de genoemde aanpassingen vastgesteld", "ter kennisname aangenomen",
    "voor een jaar verlengd", "in de huidige vorm voortgezet",
)

DECISION_FRAMES: tuple[str, ...] = (
    "{Obj} wordt {pp}.",
    "Het overleg stemt in met {obj}.",
    "Er wordt gekozen voor de tweede variant van {obj}.",
    "{Obj} wordt voorlopig niet uitgevoerd.",
    "{Obj} gaat in per {month_day}.",
    "Het budget voor {obj} wordt verhoogd met € {amount}.",
    "Akkoord met {obj}, met dien verstande dat de gemeenten vooraf worden geïnformeerd.",
    "Over {obj} wordt in het volgend overleg een besluit genomen; tot die tijd blijft de "
    "huidige werkwijze gelden.",
    "De leden gaan akkoord met {obj}.",
    "{Obj} wordt vastgesteld, onder voorbehoud van de reactie van {org}.",
)

# Decisions that say what they are without a marker.
MARKERLESS_DECISIONS: tuple[str, ...] = (
    "{Actor} besluit {obj} {te}.",
    "Besloten wordt {obj} {te}.",
    "{Actor} stemt in met {obj}.",
    "{Actor} gaat akkoord met {obj}.",
    "{Obj} wordt door {actor} vastgesteld.",
)

KNELPUNT_FRAMES: tuple[str, ...] = (
    "{problem}",
    "{Obj} loopt vertraging op doordat {org} later levert.",
    "Er is onvoldoende capaciteit om {obj} op tijd af te ronden.",
    "De financiering van {obj} is nog niet rond.",
    "Zonder {obj} kunnen de gemeenten niet verder.",
)

# Action sentences with the owner as subject and no marker.
MARKERLESS_ACTIONS: tuple[str, ...] = (
    "{Owner} zal {obj} {inf}.",
    "{Owner} zegt toe {obj} {te}.",
    "{Owner} neemt contact op met {org} over {obj}.",
    "{Owner} gaat {obj} {inf}.",
)

# Explanatory sentences: plain notes.
NOTE_FRAMES: tuple[str, ...] = (
    "De {role} geeft een toelichting op {obj}.",
    "{Org} meldt dat {fact}.",
    "Vanuit {org} wordt opgemerkt dat {fact}.",
    "De leden nemen kennis van {obj}.",
    "Er wordt uitgebreid gesproken over {obj}.",
    "In {place} zijn op dit moment {n} plekken beschikbaar.",
    "De {role} merkt op dat {fact}.",
    "Het overleg constateert dat {fact}.",
    "Naar aanleiding van een vraag wordt toegelicht dat {fact}.",
    "Over {obj} is gesproken in het ambtelijk vooroverleg.",
)

# Notes with "zal" or a future that are forecasts, not actions: they test precision.
FORECAST_FRAMES: tuple[str, ...] = (
    "De verwachting is dat {figure} de komende weken zal stijgen.",
    "Naar verwachting zal {figure} na de zomer afnemen.",
    "Het is de verwachting dat {obj} in het najaar beschikbaar zal zijn.",
    "Of {figure} verder zal toenemen, is nog onduidelijk.",
    "{Figure} zal volgens de prognose licht dalen.",
)

TOELICHTING_FRAMES: tuple[str, ...] = (
    "{Org} heeft laten weten dat {fact}.",
    "Uit de rapportage blijkt dat {fact}.",
    "Het voorstel is voorbereid in overleg met {org}.",
    "De kosten worden gedekt uit de bestaande middelen.",
    "Zie ook de notitie bij dit agendapunt.",
    "In de bijlage is een overzicht per gemeente opgenomen.",
    "Dit punt is eerder besproken; toen is afgesproken dat {fact}.",
    "Over {obj} is ook contact met {org}.",
    "De stukken zijn vooraf toegezonden.",
    "Op dit moment is het beeld dat {fact}.",
)

# List lines under "Besluit:" or "Het college besluit:".
DECISION_LIST_FRAMES: tuple[str, ...] = (
    "{obj} {te};",
    "de raad voor te stellen {obj} vast te stellen;",
    "{org} te informeren over {obj};",
    "de kosten te dekken uit de algemene reserve;",
    "in te stemmen met {obj};",
    "de uitvoering te mandateren aan de gemeentesecretaris;",
)

LIST_LINES: tuple[str, ...] = (
    "{obj} wordt aangepast",
    "{org} wordt gevraagd om een reactie",
    "de planning blijft ongewijzigd",
    "de gemeenten leveren hun gegevens aan",
    "de communicatie loopt via de veiligheidsregio",
    "{obj} komt terug in het volgend overleg",
    "de kosten worden gedeeld",
)

# The Toelichting column of "Nr | Onderwerp | Toelichting" opens with what is asked of the
# meeting; these are notes, never decisions or titles.
TREATMENT_WORDS: tuple[str, ...] = (
    "Ter vaststelling", "Ter kennisname", "Ter bespreking", "Ter besluitvorming",
    "Ter kennisname en bespreking", "Ter informatie",
)

ATTENDEE_LABELS: tuple[str, ...] = ("Aanwezig", "Aanwezigen", "Deelnemers")
ABSENT_LABELS: tuple[str, ...] = ("Afwezig", "Afwezig met kennisgeving", "Afgemeld")
SCRIBE_LABELS: tuple[str, ...] = ("Notulist", "Verslag", "Secretaris")

SUBTITLES: tuple[str, ...] = (
    "Concept", "Openbaar", "Vertrouwelijk", "Definitief", "Versie 1.0", "Ter vaststelling",
    "Niet voor verspreiding", "Openbare versie na Woo-besluit",
)

FOOTER_TEXTS: tuple[str, ...] = (
    "Concept – niet verspreiden", "Openbaar", "Besluitenlijst", "Vertrouwelijk",
    "Verslag", "Intern",
)

# Status words as minutes write them, with their gold value.
STATUS_WORDS: dict[str, str] = {
    "afgerond": "done", "Afgerond": "done", "gereed": "done", "Gereed": "done",
    "loopt": "open", "Loopt": "open", "in behandeling": "open", "In behandeling": "open",
    "doorlopend": "ongoing", "Doorlopend": "ongoing", "vervalt": "dropped",
    "Vervallen": "dropped", "O": "open", "G": "done", "open": "open", "Open": "open",
    "onbekend": "unknown",
}

# Dates that are not dates: due_text only.
NON_DATES: tuple[str, ...] = (
    "z.s.m.", "doorlopend", "volgend overleg", "Z.s.m.", "z.s.m", "nnb", "voor de zomer",
    "eerstvolgende vergadering", "PM",
)
