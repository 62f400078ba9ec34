"""The sample meetings: fictional but realistic Dutch minutes, one :class:`MinutesSpec` each.

Names of people are made up; bodies, places and organisations are real so that entity tagging
has something to find. Every variant the pipeline has to cope with occurs at least once:

* ``vrt-bao-oekraine-2022-04-07``: ruled three-column table, letter prefixes in both action
  forms (``A > Owner:`` and ``A Owner:``), theme and title rows.
* ``dinkelland-beleidsteam-hoogwater-2021-02-04``: no ruling lines, words instead of letters
  (``Besluit:``, ``Knelpunt:``, ``Actie (Owner):``), date as dd-mm-yyyy.
* ``overijssel-stikstof-2022-06-15``: three-level numbering (3.1.2), shaded header and theme
  rows, wider number column.
* ``ggd-rtv-2022-04-13``: four columns ``Nr | Onderwerp | Besluit / Actie | Actiehouder``, no
  spanning rows; the title is the Onderwerp cell and the owner of ``A:`` is the Actiehouder cell.
"""

from __future__ import annotations

from samples.render import ItemRow, MinutesSpec, ThemeRow, TitleRow


def _vrt_bao() -> MinutesSpec:
    rows = [
        TitleRow("Opening en vaststellen verslag"),
        ItemRow(
            "1",
            [
                "De voorzitter opent het overleg en heet de aanwezigen welkom. De burgemeester "
                "van Dinkelland heeft zich afgemeld.\n\n"
                "B: Het verslag van 24 maart 2022 wordt ongewijzigd vastgesteld.",
                "De actiepunten uit het vorige overleg zijn afgerond, met uitzondering van de "
                "financiële regeling (zie 2.3).",
            ],
        ),
        ThemeRow("Opvang vluchtelingen Oekraïne"),
        TitleRow("Landelijk en regionaal beeld"),
        ItemRow(
            "2.1",
            [
                "De projectleider Oekraïne geeft een toelichting op het landelijke en regionale "
                "beeld.\n\n"
                "K: Het aantal vluchtelingen dat zich zelfstandig in Twente meldt, blijft stijgen. "
                "Particuliere opvang loopt steeds vaker vast, waardoor gemeenten op korte termijn "
                "extra plekken nodig hebben.\n\n"
                "K: De landelijke verdeelsleutel is nog niet bekend. Twente gaat voorlopig uit van "
                "een taakstelling van 2000 plekken.\n\n"
                "A > Projectleider Oekraïne: bij het Rijk navragen wanneer de verdeelsleutel per "
                "veiligheidsregio wordt vastgesteld en dit uiterlijk maandag 11 april "
                "terugkoppelen.",
                "In Twente verblijven op dit moment ongeveer 1450 ontheemden uit Oekraïne, van wie "
                "circa 600 in particuliere opvang.\n\n"
                "Het Rijk heeft de veiligheidsregio’s gevraagd zich voor te bereiden op een tweede "
                "tranche van 1000 plekken per regio.",
            ],
        ),
        TitleRow("Stand van zaken opdracht A: 1000 opvangplekken"),
        ItemRow(
            "2.2",
            [
                "K: Twente heeft op dit moment 780 plekken geoperationaliseerd. De opdracht om "
                "medio april 1000 plekken beschikbaar te hebben wordt naar verwachting niet "
                "gehaald.\n\n"
                "Stand per gemeente (peildatum 6 april):\n"
                "• Almelo: 160 plekken, waarvan 40 in het voormalige belastingkantoor\n"
                "• Enschede: 240 plekken\n"
                "• Hengelo: 150 plekken\n"
                "• Hof van Twente: 70 plekken in Goor en Delden\n"
                "• overige gemeenten: 160 plekken\n\n"
                "B: Het bestuurlijk afstemmingsoverleg houdt vast aan het besluit om geen "
                "crisisnoodopvang in sporthallen te realiseren.\n\n"
                "B: Gemeenten melden nieuwe locaties dagelijks bij het Twentse telefoonteam, zodat "
                "de matching direct kan starten.\n\n"
                "K: Voor de locaties in Denekamp en Haaksbergen ontbreekt nog een "
                "omgevingsvergunning voor tijdelijk gebruik. De procedure kost minimaal zes "
                "weken.\n\n"
                "A > burgemeester van Almelo: met de burgemeesters van Dinkelland en Haaksbergen "
                "bespreken of de vergunningen met een kortere procedure kunnen worden "
                "verleend.\n\n"
                "K: Er is een tekort aan begeleiders en tolken op de grotere locaties, met name in "
                "de avonduren en in het weekend.\n\n"
                "A Projectleider Oekraïne: in week 15 een regionale pool van vrijwilligers en "
                "tolken opzetten samen met Vluchtelingenwerk Oost Nederland.",
                "Het telefoonteam heeft sinds 24 maart 312 vluchtelingen gematcht aan een "
                "opvangplek. De gemiddelde doorlooptijd is twee dagen.\n\n"
                "De locatie in het voormalige belastingkantoor in Almelo opent op maandag "
                "11 april.\n\n"
                "Gemeenten geven aan dat de grens van wat zij met eigen personeel kunnen "
                "organiseren in zicht komt.",
            ],
        ),
        TitleRow("Financiën"),
        ItemRow(
            "2.3",
            [
                "K: De financiële regeling voor gemeenten is nog steeds niet definitief. "
                "Gemeenten schieten de kosten voor opvang en leefgeld voorlopig zelf voor.\n\n"
                "B: Gemeenten registreren alle kosten vanaf 1 maart 2022 volgens het format van de "
                "VNG, zodat declaratie achteraf mogelijk is.\n\n"
                "A > secretaris: het format voor kostenregistratie uiterlijk vrijdag 8 april naar "
                "alle Twentse gemeenten sturen.",
                "Volgens de VNG volgt de definitieve regeling, met een normbedrag per plek per "
                "dag, naar verwachting eind april.\n\n"
                "Het leefgeld wordt door de gemeenten uitgekeerd volgens de landelijke "
                "normbedragen.",
            ],
        ),
        TitleRow("Onderwijs aan kinderen uit Oekraïne"),
        ItemRow(
            "2.4",
            [
                "K: Ongeveer 280 kinderen uit Oekraïne in Twente gaan nog niet naar school. De "
                "nieuwkomersvoorzieningen in Almelo en Enschede zitten vol.\n\n"
                "B: De schoolbesturen worden gevraagd om gezamenlijk tijdelijke onderwijslocaties "
                "in te richten, ook buiten de grote gemeenten.\n\n"
                "A > Projectleider Oekraïne: een overleg organiseren met de samenwerkingsverbanden "
                "passend onderwijs en de schoolbesturen, uiterlijk in week 16.\n\n"
                "Leerplicht wordt door de gemeenten pas gehandhaafd als er voldoende plaatsen "
                "zijn.",
                "Het ministerie van OCW heeft aangekondigd dat scholen bekostiging krijgen voor "
                "leerlingen uit Oekraïne. De regeling is nog niet gepubliceerd.",
            ],
        ),
        TitleRow("Overloop asielzoekers Ter Apel"),
        ItemRow(
            "2.5",
            [
                "K: Het aanmeldcentrum in Ter Apel zit opnieuw boven de maximale capaciteit van "
                "2000 bewoners. Het COA vraagt alle regio’s om op korte termijn tijdelijke opvang "
                "voor asielzoekers uit Ter Apel te realiseren.\n\n"
                "K: De voorzitter en de burgemeesters zijn terughoudend: alle beschikbare "
                "locaties in Twente zijn op dit moment nodig voor de opvang van vluchtelingen uit "
                "Oekraïne.\n\n"
                "B: Twente stelt voor de overloop uit Ter Apel geen nieuwe locaties beschikbaar "
                "zolang opdracht A niet is gerealiseerd. Het overleg neemt dit standpunt mee naar "
                "het Veiligheidsberaad.\n\n"
                "A > voorzitter: het standpunt over Ter Apel toelichten aan de CdK en de "
                "burgemeester van Westerwolde, voor het volgend overleg.",
                "Ter Apel ligt in de gemeente Westerwolde. De burgemeester van Westerwolde heeft "
                "het Rijk opnieuw gevraagd om de instroom in Ter Apel te beperken.\n\n"
                "Het COA zoekt landelijk naar 2250 extra plekken voor asielzoekers. De IND heeft "
                "extra medewerkers ingezet om de registratie te versnellen.",
            ],
        ),
        ThemeRow("Overige onderwerpen"),
        TitleRow("Communicatie"),
        ItemRow(
            "3.1",
            [
                "B: Er wordt wekelijks een nieuwsbrief voor inwoners en vrijwilligers verstuurd "
                "via de gemeenten. Het eerste nummer verschijnt vrijdag 15 april.\n\n"
                "A communicatieadviseur: een vaste vraag-en-antwoordlijst voor de gemeentelijke "
                "websites opstellen en afstemmen met de GGD.\n\n"
                "Vragen van de pers over Ter Apel worden doorverwezen naar het COA.",
                "Het landelijke informatiepunt voor vluchtelingen uit Oekraïne wordt in alle "
                "communicatie als bron genoemd. De VRT verzorgt de regionale woordvoering.",
            ],
        ),
        TitleRow("Vervolgafspraken"),
        ItemRow(
            "3.2",
            [
                "Het volgend Bestuurlijk Afstemmingsoverleg is op donderdag 21 april om "
                "16.00 uur.\n\n"
                "B: Zodra opdracht A is gerealiseerd, wordt de frequentie van het overleg "
                "afgeschaald naar één keer in de veertien dagen.\n\n"
                "A > secretaris: de CdK en het COA uitnodigen voor het overleg van 21 april.",
                "",
            ],
        ),
        TitleRow("Rondvraag en sluiting"),
        ItemRow(
            "3.3",
            [
                "De burgemeester van Enschede vraagt aandacht voor de veiligheid op de grote "
                "locaties. Dit wordt meegenomen in het volgende overleg.\n\n"
                "De voorzitter sluit het overleg om 17.25 uur.",
                "",
            ],
        ),
    ]
    return MinutesSpec(
        body="Veiligheidsregio Twente",
        title="Verslag Bestuurlijk Afstemmingsoverleg Oekraïne",
        date_line="Datum: donderdag 7 april 2022, 16.00 – 17.30 uur (MS Teams)",
        heading_lines=[
            "Aanwezig: A. Velthuis (voorzitter, burgemeester van Almelo), J. de Boer "
            "(burgemeester van Hof van Twente), R. Smit (burgemeester van Enschede), M. Kroeze "
            "(DPG), S. Oude Engberink (projectleider Oekraïne), T. Nijhuis (secretaris)",
            "Afwezig: P. Haverkamp (burgemeester van Dinkelland)",
        ],
        rows=rows,
    )


def _dinkelland_hoogwater() -> MinutesSpec:
    rows = [
        TitleRow("Opening"),
        ItemRow(
            "1",
            [
                "De burgemeester opent om 10.00 uur het beleidsteam. Aanleiding is de sterk "
                "gestegen waterstand van de Dinkel na aanhoudende regenval en smeltwater uit "
                "Duitsland.\n\n"
                "Besluit: De gemeente schaalt op naar GRIP 3. De burgemeester is voorzitter van "
                "het gemeentelijk beleidsteam.",
                "De veiligheidsregio heeft om 08.30 uur opgeschaald. Het CoPI is ingericht bij de "
                "brandweerkazerne in Denekamp.",
            ],
        ),
        ThemeRow("Situatie hoogwater Dinkel"),
        TitleRow("Actueel beeld en prognose"),
        ItemRow(
            "2.1",
            [
                "De hoogwatercoördinator van Waterschap Vechtstromen geeft het actuele beeld. De "
                "waterstand bij Denekamp is in de afgelopen 24 uur met 60 centimeter gestegen.\n\n"
                "Knelpunt: De piek wordt verwacht in de nacht van vrijdag op zaterdag. Bij verdere "
                "neerslag in Duitsland kan het water nog 20 tot 30 centimeter stijgen.\n\n"
                "Knelpunt: Enkele laaggelegen woningen en boerderijen langs de Dinkel bij Lattrop "
                "en Tilligte zijn nu al slecht bereikbaar.\n\n"
                "Actie (hoogwatercoördinator waterschap): elke ochtend om 07.00 uur en elke avond "
                "om 19.00 uur een actuele prognose aan het beleidsteam leveren.",
                "Het waterschap heeft de stuwen bij Lattrop en Denekamp volledig geopend. Het "
                "water wordt zo veel mogelijk afgevoerd via het Omleidingskanaal.\n\n"
                "De brandweer heeft extra pompcapaciteit in Hengelo stand-by staan.",
            ],
        ),
        TitleRow("Dijken en kades"),
        ItemRow(
            "2.2",
            [
                "Knelpunt: Bij de Dinkelkade ten noorden van Denekamp is een wel ontdekt. Het "
                "waterschap heeft de plek met zandzakken opgekist en houdt haar permanent in de "
                "gaten.\n\n"
                "Besluit: Dijkwachten van het waterschap lopen vanaf vanavond in ploegen van vier "
                "uur. De gemeente zorgt voor verlichting en een warme ruimte.\n\n"
                "Actie (teamleider bevolkingszorg): uiterlijk 16.00 uur een verblijfsruimte voor "
                "dijkwachten inrichten in de kantine van de voetbalvereniging in Lattrop.",
                "Volgens het waterschap is er op dit moment geen direct gevaar voor een "
                "doorbraak. De situatie wordt elke twee uur opnieuw beoordeeld.\n\n"
                "Dijkwachten krijgen een werkgeversverklaring in verband met de avondklok.",
            ],
        ),
        ThemeRow("Maatregelen"),
        TitleRow("Evacuatie Lattrop en Tilligte"),
        ItemRow(
            "3.1",
            [
                "Het beleidsteam bespreekt het scenario waarin de kade bij Lattrop het niet houdt. "
                "In dat geval lopen ongeveer 35 woningen en 6 agrarische bedrijven onder water.\n\n"
                "Besluit: De bewoners van de 35 woningen worden vandaag geadviseerd om uit "
                "voorzorg tijdelijk elders te verblijven. Er is nog geen sprake van een verplichte "
                "evacuatie.\n\n"
                "Besluit: Als de waterstand bij meetpunt Denekamp boven 22,40 m +NAP komt, neemt "
                "de burgemeester een besluit over verplichte evacuatie.\n\n"
                "Knelpunt: Van een aantal bewoners is onbekend of zij zelfstandig kunnen "
                "vertrekken, onder wie ouderen en mensen met een beperking.\n\n"
                "Actie (teamleider bevolkingszorg): samen met de wijkteams en de thuiszorg vandaag "
                "een lijst opstellen van kwetsbare bewoners in Lattrop en Tilligte en hen "
                "persoonlijk benaderen.\n\n"
                "Knelpunt: Voor het vee van de zes agrarische bedrijven is nog geen "
                "opvanglocatie.\n\n"
                "Actie (calamiteitencoördinator): met LTO Noord en de veehouders in de omgeving "
                "afspraken maken over tijdelijke opvang van vee.\n\n"
                "Voor de evacuatie zijn de volgende stappen afgesproken:\n"
                "1. De politie en de boa’s gaan langs de deuren met een brief van de "
                "burgemeester.\n"
                "2. Bewoners melden zich bij het opvangpunt in sporthal De Kwekkel in Denekamp.\n"
                "3. Het Rode Kruis registreert de bewoners en zorgt voor onderdak bij familie of "
                "in een hotel.",
                "Bij een waterstand van 22,40 m +NAP is de kade volgens het waterschap niet meer "
                "betrouwbaar.\n\n"
                "Het Rode Kruis heeft 40 vrijwilligers beschikbaar voor registratie en opvang.\n\n"
                "De veiligheidsregio bereidt een NL-Alert voor, voor het geval een verplichte "
                "evacuatie nodig is.",
            ],
        ),
        TitleRow("Wegafsluitingen en verkeer"),
        ItemRow(
            "3.2",
            [
                "Besluit: De Lattropstraat en de Dinkelweg worden vanaf 14.00 uur afgesloten voor "
                "al het verkeer, met uitzondering van hulpdiensten en bewoners.\n\n"
                "Knelpunt: Ramptoeristen zorgen in het weekend voor verkeersoverlast langs de "
                "Dinkel.\n\n"
                "Actie (politie): verkeersregelaars inzetten bij de afsluitingen en extra toezicht "
                "houden op zaterdag en zondag.",
                "Buslijn 64 tussen Denekamp en Ootmarsum rijdt tijdelijk via Tilligte. De "
                "vervoerder informeert de reizigers.",
            ],
        ),
        TitleRow("Zandzakken en inzet vrijwilligers"),
        ItemRow(
            "3.3",
            [
                "Er zijn inmiddels 12.000 zandzakken gevuld. Veel inwoners hebben zich spontaan "
                "aangemeld als vrijwilliger.\n\n"
                "Knelpunt: De coördinatie van spontane vrijwilligers kost veel capacitiet van de "
                "buitendienst.\n\n"
                "Besluit: Vrijwilligers melden zich uitsluitend aan via het centrale nummer van de "
                "gemeente. Zij worden alleen ingezet op plaatsen die het waterschap veilig "
                "acht.\n\n"
                "Actie (gemeentesecretaris): een coördinator vrijwilligers aanwijzen en het "
                "vulpunt bij de gemeentewerf in Denekamp tot maandag open houden.",
                "Het waterschap levert de zakken en het zand; de gemeente zorgt voor personeel en "
                "vrijwilligers.",
            ],
        ),
        ThemeRow("Bevolkingszorg en communicatie"),
        TitleRow("Opvang en nazorg"),
        ItemRow(
            "4.1",
            [
                "Besluit: Sporthal De Kwekkel in Denekamp wordt ingericht als opvanglocatie voor "
                "maximaal 80 personen.\n\n"
                "Knelpunt: De sporthal voldoet bij volledige bezetting niet aan de "
                "coronamaatregelen.\n\n"
                "Actie (GGD): uiterlijk vanavond een advies geven over de inrichting van de "
                "opvanglocatie in verband met COVID-19.",
                "Bewoners die bij familie of vrienden terecht kunnen, hebben de voorkeur. "
                "Hotelkosten worden door de gemeente vergoed.",
            ],
        ),
        TitleRow("Communicatie"),
        ItemRow(
            "4.2",
            [
                "Besluit: De gemeente communiceert via de website, Facebook en de lokale omroep. "
                "Er komt een informatienummer dat dagelijks van 08.00 tot 22.00 uur bereikbaar "
                "is.\n\n"
                "Actie (communicatieadviseur): vanmiddag een bewonersbrief opstellen voor de "
                "bewoners langs de Dinkel, in afstemming met het waterschap.\n\n"
                "Actie (burgemeester): zaterdagochtend een bezoek brengen aan Lattrop en Tilligte, "
                "samen met de dijkgraaf.",
                "De vragen van inwoners gaan vooral over zandzakken, verzekeringen en schade aan "
                "woningen.\n\n"
                "RTV Oost zendt om 18.00 uur een interview met de burgemeester uit.",
            ],
        ),
        ThemeRow("Afsluiting"),
        TitleRow("Volgend overleg"),
        ItemRow(
            "5",
            [
                "Besluit: Het beleidsteam komt dagelijks om 09.00 uur en 17.00 uur bijeen zolang "
                "GRIP 3 van kracht is.\n\n"
                "Het volgend overleg is vandaag om 17.00 uur in het gemeentehuis in Denekamp.",
                "",
            ],
        ),
    ]
    return MinutesSpec(
        body="Gemeente Dinkelland",
        title="Verslag Gemeentelijk Beleidsteam Hoogwater Dinkel",
        date_line="Datum: 04-02-2021, 10.00 uur, gemeentehuis Denekamp",
        heading_lines=[
            "Aanwezig: burgemeester (voorzitter), gemeentesecretaris, officier van dienst "
            "bevolkingszorg, teamleider bevolkingszorg, calamiteitencoördinator, "
            "communicatieadviseur, hoogwatercoördinator Waterschap Vechtstromen, politie, "
            "brandweer, GGD",
            "Verslag: K. Lohuis",
        ],
        columns=["Nr", "Besluiten / knelpunten / acties", "Toelichting"],
        ruled=False,
        rows=rows,
    )


def _overijssel_stikstof() -> MinutesSpec:
    rows = [
        TitleRow("Opening en mededelingen"),
        ItemRow(
            "1",
            [
                "De gedeputeerde landbouw opent het overleg en heet in het bijzonder de "
                "vertegenwoordiger van het ministerie van LNV welkom.\n\n"
                "Mededelingen:\n"
                "• De Raad van State doet naar verwachting in het najaar uitspraak over de "
                "bouwvrijstelling.\n"
                "• De Omgevingsdienst Twente heeft een nieuwe directeur, die per 1 juli begint.",
                "",
            ],
        ),
        TitleRow("Landelijke ontwikkelingen"),
        ItemRow(
            "2",
            [
                "Het kabinet heeft op 10 juni de startnotitie voor het Nationaal Programma "
                "Landelijk Gebied en een kaart met richtinggevende reductiedoelen per gebied "
                "gepresenteerd.\n\n"
                "K: Voor delen van Noordoost-Twente geldt een reductieopgave van 70 tot 95 "
                "procent. De onrust onder agrariërs is groot.\n\n"
                "B: De provincie stelt de reductiedoelen niet ter discussie, maar vraagt het Rijk "
                "om ruimte voor maatwerk per gebied.\n\n"
                "A Gedeputeerde landbouw: de zorgen van de Overijsselse gemeenten inbrengen in het "
                "IPO-overleg van dinsdag 21 juni.",
                "Provincies moeten uiterlijk 1 juli 2023 een gebiedsprogramma indienen.\n\n"
                "De gemeenten vragen om duidelijkheid over hun rol in de gebiedsprocessen.",
            ],
        ),
        ThemeRow("Vergunningverlening"),
        TitleRow("PAS-melders"),
        ItemRow(
            "3.1.1",
            [
                "K: In Overijssel zijn ongeveer 450 PAS-melders die nog steeds geen vergunning "
                "hebben. Een deel van hen krijgt te maken met handhavingsverzoeken van "
                "natuurorganisaties.\n\n"
                "B: De provincie gaat niet handhaven bij PAS-melders zolang het landelijke "
                "legalisatieprogramma loopt.\n\n"
                "A Omgevingsdienst Twente: alle PAS-melders in Twente voor 1 september persoonlijk "
                "benaderen over de stand van zaken van hun melding.\n\n"
                "De gemeenten vragen om een overzicht van de PAS-melders per gemeente.",
                "Het legalisatieprogramma van het Rijk loopt vertraging op door een gebrek aan "
                "beschikbare stikstofruimte.\n\n"
                "Het Rijk verwacht dat de eerste PAS-melders in 2023 een vergunning kunnen "
                "krijgen.",
            ],
        ),
        TitleRow("Intern en extern salderen"),
        ItemRow(
            "3.1.2",
            [
                "K: Door de strengere beoordeling van intern salderen moeten meer "
                "initiatiefnemers een natuurvergunning aanvragen. Het aantal aanvragen bij de "
                "provincie is sinds januari verdubbeld.\n\n"
                "B: Aanvragen voor extern salderen worden behandeld in volgorde van binnenkomst. "
                "Woningbouwprojecten krijgen geen voorrang.\n\n"
                "K: Enkele gemeenten hebben stikstofruimte van opgekochte bedrijven gereserveerd "
                "voor eigen projecten, zonder dit met de provincie af te stemmen.\n\n"
                "A > Gedeputeerde ruimte: met de gemeenten Twenterand en Tubbergen afspraken maken "
                "over het gebruik van de stikstofbank.",
                "Bij extern salderen mag maximaal 70 procent van de vrijgekomen stikstofruimte "
                "worden gebruikt; 30 procent komt ten goede aan de natuur.\n\n"
                "De wachttijd voor een natuurvergunning is gemiddeld 26 weken.",
            ],
        ),
        TitleRow("Capaciteit Omgevingsdienst"),
        ItemRow(
            "3.1.3",
            [
                "K: De Omgevingsdienst Twente kampt met een tekort van twaalf ecologen en "
                "vergunningverleners. De achterstand is opgelopen tot ruim 300 aanvragen.\n\n"
                "B: De provincie stelt voor 2022 extra budget beschikbaar voor de inhuur van "
                "externe ecologen.\n\n"
                "A Directeur Omgevingsdienst Twente: uiterlijk 1 juli een plan van aanpak voor het "
                "wegwerken van de achterstand aan de gedeputeerde sturen.",
                "Het extra budget bedraagt 1,2 miljoen euro en wordt gedekt uit de reserve "
                "stikstof.\n\n"
                "Ook andere omgevingsdiensten in Oost-Nederland zoeken ecologen; de arbeidsmarkt "
                "is krap.",
            ],
        ),
        ThemeRow("Gebiedsgerichte aanpak"),
        TitleRow("Gebiedsproces Noordoost-Twente"),
        ItemRow(
            "3.2.1",
            [
                "De procesregisseur geeft een toelichting op de aanpak van het gebiedsproces rond "
                "de Natura 2000-gebieden Lemselermaten, Dinkelland en Springendal & Dal van de "
                "Mosbeek.\n\n"
                "K: Veel agrariërs in het gebied weten niet waar zij aan toe zijn. De kaart van "
                "10 juni heeft het vertrouwen in de overheid verder geschaad.\n\n"
                "B: Het gebiedsproces start na de zomer met keukentafelgesprekken. De provincie "
                "neemt de regie; de gemeenten Dinkelland, Tubbergen en Losser nemen deel aan de "
                "stuurgroep.\n\n"
                "B: De stuurgroep werkt met de volgende uitgangspunten:\n"
                "1. Vrijwilligheid staat voorop; onteigening is niet aan de orde.\n"
                "2. Elke agrariër krijgt een eigen contactpersoon.\n"
                "3. Natuur, water en landbouw worden in samenhang bekeken.\n\n"
                "K: De gemeenten hebben onvoldoende capaciteit om aan het gebiedsproces deel te "
                "nemen.\n\n"
                "A Procesregisseur: voor 1 september een begroting en een planning voor het "
                "gebiedsproces opstellen, inclusief de inzet die van de gemeenten wordt "
                "gevraagd.\n\n"
                "A Burgemeester van Dinkelland: namens de drie gemeenten de vraag om extra "
                "capaciteit bij de provincie inbrengen.\n\n"
                "De agrarische collectieven en LTO Noord worden uitgenodigd voor de eerste "
                "bijeenkomst van de stuurgroep.",
                "De Lemselermaten is een klein Natura 2000-gebied ten zuiden van Weerselo met een "
                "hoge stikstofdepositie.\n\n"
                "De provincie heeft voor het gebiedsproces een eerste bedrag van 4 miljoen euro "
                "gereserveerd.\n\n"
                "Waterschap Vechtstromen sluit aan bij de stuurgroep voor de wateropgave in het "
                "Dinkeldal.",
            ],
        ),
        TitleRow("Piekbelasters en opkoopregeling"),
        ItemRow(
            "3.2.2",
            [
                "K: De landelijke regeling voor piekbelasters is nog niet opengesteld. Een aantal "
                "veehouders in Twente heeft al belangstelling getoond.\n\n"
                "B: De provincie start geen eigen opkoopregeling, maar wacht de landelijke "
                "regeling af.\n\n"
                "A Omgevingsdienst Twente: in kaart brengen welke bedrijven in Twente binnen de "
                "criteria voor piekbelasters vallen.",
                "De landelijke regeling wordt naar verwachting in het voorjaar van 2023 "
                "opengesteld.",
            ],
        ),
        TitleRow("Communicatie en draagvlak"),
        ItemRow(
            "3.2.3",
            [
                "K: Na de protesten bij het provinciehuis in Zwolle en bij woningen van "
                "bestuurders is de sfeer gespannen. Medewerkers van de provincie en de gemeenten "
                "voelen zich onveilig bij keukentafelgesprekken.\n\n"
                "B: Keukentafelgesprekken worden altijd met twee medewerkers gevoerd. Bij "
                "signalen van dreiging wordt de politie ingelicht.\n\n"
                "A > Communicatieadviseur provincie: een gezamenlijke communicatielijn voor "
                "provincie en gemeenten opstellen, vóór de eerste bijeenkomst met agrariërs in "
                "week 36.\n\n"
                "Het overleg spreekt steun uit voor de medewerkers die met agrariërs in gesprek "
                "gaan.",
                "De politie Oost-Nederland heeft een aanspreekpunt aangewezen voor bestuurders "
                "die te maken krijgen met intimidatie.",
            ],
        ),
        ThemeRow("Afsluiting"),
        TitleRow("Rondvraag en sluiting"),
        ItemRow(
            "4",
            [
                "De burgemeester van Hof van Twente vraagt de provincie om de gemeenten te "
                "informeren voordat er nieuwe kaarten worden gepubliceerd. De gedeputeerde zegt "
                "dit toe.\n\n"
                "Het volgend overleg is op woensdag 14 september 2022.\n\n"
                "A secretaris: de vergaderdata voor het tweede halfjaar rondsturen.",
                "",
            ],
        ),
    ]
    return MinutesSpec(
        body="Provincie Overijssel",
        title="Verslag Bestuurlijk Overleg Stikstof en Vergunningverlening",
        date_line="Datum: woensdag 15 juni 2022",
        heading_lines=[
            "Aanwezig: gedeputeerde landbouw (voorzitter), gedeputeerde ruimte, burgemeesters "
            "van Dinkelland, Hof van Twente en Twenterand, directeur Omgevingsdienst Twente, "
            "procesregisseur Noordoost-Twente, ministerie van LNV, secretaris",
        ],
        col_widths=[0.09, 0.56, 0.35],
        shade_header=True,
        rows=rows,
    )


def _ggd_rtv() -> MinutesSpec:
    def item(nr: str, subject: str, text: str, owner: str) -> ItemRow:
        return ItemRow(nr, [subject, text, owner])

    rows: list = [
        item(
            "1",
            "Opening en mededelingen",
            "De voorzitter opent het overleg. Nieuw aan tafel is de coördinator vluchtelingen "
            "van de gemeente Hengelo.\n\n"
            "B: Het verslag van 30 maart wordt vastgesteld.",
            "",
        ),
        item(
            "2",
            "Regeling Medische zorg Oekraïners (RMO)",
            "Sinds 1 april kunnen zorgverleners de kosten van medische zorg voor vluchtelingen "
            "uit Oekraïne declareren via de RMO.\n\n"
            "B: De GGD informeert alle huisartsenpraktijken in Twente via de huisartsenkring "
            "over de RMO.\n\n"
            "A: een factsheet over de RMO voor de gemeentelijke opvanglocaties maken en voor "
            "vrijdag 15 april verspreiden.",
            "beleidsadviseur GGD",
        ),
        item(
            "3",
            "Huisartsenzorg op opvanglocaties",
            "Op de grote locaties in Almelo en Enschede staat de huisartsenzorg onder druk. "
            "Praktijken in de buurt nemen geen nieuwe patiënten meer aan.\n\n"
            "B: Op locaties met meer dan 150 bewoners komt een wekelijks spreekuur van een "
            "huisarts en een praktijkondersteuner.\n\n"
            "A: met de huisartsenkring afspraken maken over de bezetting van de spreekuren vanaf "
            "week 16.",
            "DPG",
        ),
        item(
            "4",
            "Vaccinaties",
            "De vaccinatiegraad onder vluchtelingen uit Oekraïne is lager dan in Nederland, met "
            "name voor mazelen en polio.\n\n"
            "B: Kinderen en jongeren krijgen via de JGZ een inhaalprogramma aangeboden. "
            "Volwassenen krijgen een aanbod voor een coronavaccinatie.\n\n"
            "A: de planning van de vaccinatiedagen per opvanglocatie uiterlijk 22 april afstemmen "
            "met de locatiemanagers.",
            "teamleider JGZ",
        ),
        item(
            "5",
            "Infectieziekten",
            "Op een locatie in Enschede zijn drie gevallen van waterpokken gemeld. De GGD heeft "
            "de bewoners en de medewerkers geïnformeerd.\n\n"
            "B: Locatiemanagers melden clusters van ziekte (meer dan twee zieken met dezelfde "
            "klachten) direct bij de afdeling infectieziektebestrijding van de GGD.\n\n"
            "A: een hygiëneadvies voor gemeenschappelijke keukens en sanitair opstellen en naar "
            "alle locaties sturen.\n\n"
            "Er wordt geen standaard tbc-screening aangeboden; bij klachten verwijst de "
            "locatie naar de huisarts.",
            "arts IZB",
        ),
        item(
            "6",
            "Psychosociale hulp",
            "Veel vluchtelingen hebben oorlogservaringen en maken zich zorgen om familie in "
            "Oekraïne. Vrijwilligers op de locaties geven aan dat zij niet goed weten hoe zij "
            "hiermee om moeten gaan.\n\n"
            "B: Vrijwilligers en medewerkers krijgen een training psychologische eerste hulp, in "
            "samenwerking met het Rode Kruis.\n\n"
            "A: de trainingen in mei plannen en de aanmelding via de gemeenten laten lopen.",
            "coördinator PSH",
        ),
        item(
            "7",
            "Registratie en privacy",
            "Niet alle vluchtelingen op de locaties zijn ingeschreven in de BRP. Zonder BSN "
            "kunnen zorgverleners moeilijk declareren.\n\n"
            "B: Gemeenten delen wekelijks een overzicht van de bewoners per locatie met de GGD, "
            "met inachtneming van de AVG.\n\n"
            "A: een verwerkersovereenkomst voor het delen van de gegevens met de GGD "
            "opstellen.",
            "juridisch adviseur GGD",
        ),
        item(
            "8",
            "Rondvraag en volgend overleg",
            "De gemeente Almelo vraagt of de GGD een vast aanspreekpunt per gemeente kan "
            "aanwijzen.\n\n"
            "A: per gemeente een vast aanspreekpunt van de GGD aanwijzen en de namen rondsturen "
            "voor het volgend overleg.\n\n"
            "Het volgend overleg is op woensdag 27 april om 14.00 uur.",
            "DPG",
        ),
    ]
    return MinutesSpec(
        body="GGD Twente",
        title="Verslag overleg Regionale Tafel Vluchtelingen (RTV) – GGD",
        date_line="Vergaderdatum: woensdag 13 april 2022",
        heading_lines=[
            "Aanwezig: DPG (voorzitter), teamleider JGZ, arts infectieziektebestrijding (IZB), "
            "coördinator PSH, beleidsadviseur GGD, coördinatoren vluchtelingen van de gemeenten "
            "Almelo, Enschede en Hengelo",
        ],
        columns=["Nr", "Onderwerp", "Besluit / Actie", "Actiehouder"],
        col_widths=[0.06, 0.20, 0.54, 0.20],
        rows=rows,
    )


MEETINGS: dict[str, MinutesSpec] = {
    "vrt-bao-oekraine-2022-04-07": _vrt_bao(),
    "dinkelland-beleidsteam-hoogwater-2021-02-04": _dinkelland_hoogwater(),
    "overijssel-stikstof-2022-06-15": _overijssel_stikstof(),
    "ggd-rtv-2022-04-13": _ggd_rtv(),
}
"""Every sample meeting by slug; the PDF is ``<slug>.pdf`` and the gold ``gold/<slug>.json``."""
