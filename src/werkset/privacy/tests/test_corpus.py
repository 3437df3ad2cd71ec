"""The guard measured on a corpus of its own: planted personal data and ordinary sentences.

Issue 17 asks for at least 95 % of planted personal data caught and at most 10 % of
ordinary policy sentences flagged. Each planted item sits in a sentence of the domain;
it counts as caught when a hit of the right kind covers the planted text.
"""

from werkset.privacy.detectors import scan

# (kind, planted text, sentence with {} where the planted text goes)
PLANTED = [
    ("bsn", "725763863", "Het BSN van de jongere is {} volgens de melding."),
    ("bsn", "162-275-869", "In het dossier stond BSN {} bij de moeder."),
    ("bsn", "192.285.142", "Vader (BSN {}) was niet aanwezig."),
    ("bsn", "691 682 483", "Burgerservicenummer {} is doorgegeven aan de reclassering."),
    ("bsn", "987825707", "Controleer {} in het systeem."),
    ("iban", "NL81RABO0312345678", "De schuld werd betaald vanaf {} in maart."),
    ("iban", "NL20 INGB 0001 2345 67", "Rekeningnummer {} hoort bij de oom."),
    ("iban", "NL95 SNSB 0923 4567 81", "Stort het bedrag op {} zei de bewindvoerder."),
    ("iban", "NL91ABNA0417164300", "Het IBAN {} staat op de factuur."),
    ("telefoonnummer", "06-12345678", "Moeder is bereikbaar op {} na vijf uur."),
    ("telefoonnummer", "(06) 23456789", "Bel de buurvrouw op {} voor het verhaal."),
    ("telefoonnummer", "06 - 3456 7890", "Het nummer van de zoon is {} volgens de wijkagent."),
    ("telefoonnummer", "(020) 123 45 67", "Vader belde vanaf {} met de politie."),
    ("telefoonnummer", "+31 (0)6 45678901", "De tante in het buitenland: {}."),
    ("telefoonnummer", "+31 6 56789012", "Zijn mobiel {} stond uit."),
    ("telefoonnummer", "010-7654321", "Het vaste nummer {} werd niet opgenomen."),
    ("e-mailadres", "s.bakker@hotmail.com", "Stuur het verslag naar {} zodra het kan."),
    ("e-mailadres", "moeder1985@gmail.com", "De moeder mailde vanaf {} een klacht."),
    ("e-mailadres", "j.el-amrani@outlook.nl", "Contact via {} loopt stroef."),
    ("adres", "3511 AB 14", "Het gezin woont op {} sinds vorig jaar."),
    ("adres", "Dorpsstraat 27", "De melding ging over de woning aan de {}."),
    ("adres", "Lindelaan 3b", "Hij verblijft tijdelijk op de {} bij een vriend."),
    ("adres", "2514GA", "De postcode {} stond op de brief."),
    ("geboortedatum", "14 juni 2009", "De jongere, geboren op {}, zit op het vmbo."),
    ("geboortedatum", "03-11-2016", "Het jongste kind (geb. {}) gaat naar de opvang."),
    ("geboortedatum", "2 feb 1998", "Geboortedatum: {} volgens de politie."),
    ("naam", "Fatima", "Daarna sprak {} met de mentor op school."),
    ("naam", "Kevin", "Volgens {} was de ruzie al weken gaande."),
    ("naam", "Anne-Marie", "{} heeft de afspraak afgezegd."),
    ("naam", "Mohammed", "De oom, {}, nam de kinderen mee."),
    ("naam", "J. de Vries", "Het gesprek met {} vond thuis plaats."),
    ("naam", "A.B. Jansen", "De brief was ondertekend door {} van de woningcorporatie."),
    ("naam", "mevrouw De Boer", "Volgens {} is de situatie verbeterd."),
    ("naam", "meneer Bakker", "Het overleg met {} verliep rustig."),
    ("naam", "dhr. Pietersen", "De verdachte, {}, was eerder in beeld."),
    ("naam", "mw. Yilmaz", "Het plan is besproken met {} en haar zoon."),
    ("naam", "K. van der Meer", "De huisarts verwees {} door naar de GGZ."),
    ("naam", "de heer Van den Berg", "Later belde {} de wijkagent."),
    ("zaaknummer", "2023-12345", "Dit staat onder zaaknummer {} bij Veilig Thuis."),
    ("zaaknummer", "12-345678-23", "Het parketnummer {} is doorgegeven aan ZSM."),
    ("zaaknummer", "D2024-0815", "Zie dossiernummer {} voor de eerdere melding."),
    ("zaaknummer", "2024091234", "De aangifte kreeg BVH-nummer {} mee."),
    ("zaaknummer", "R-55123", "Het registratienummer is {} in het systeem van de Raad."),
    ("zaaknummer", "PL1300-2023045678", "Het pv-nummer: {} hoort bij de aangifte."),
    # Review L6: the forms the guard missed.
    ("geboortedatum", "2015-03-14", "Het kind (geb. {}) woont bij de grootouders."),
    ("geboortedatum", "14-03-15", "De jongere, geboren {}, zit op het mbo."),
    ("geboortedatum", "14 maart 2015", "De jongste is {} geboren in Leeuwarden."),
    ("geboortedatum", "maart 2015", "Het kind is geboren in {} in het ziekenhuis."),
    ("naam", "jan de vries", "Het gesprek met {} vond thuis plaats."),
    ("naam", "JAN DE VRIES", "In de melding stond {} als melder."),
    ("naam", "mevrouw jansen", "Volgens {} is de situatie verbeterd."),
    ("naam", "fatima", "De moeder van {} meldde zich bij het wijkteam."),
    ("bsn", "123 45 6782", "Het BSN van de vader, {}, stond in de melding."),
    ("adres", "Kerkstr. 12", "De politie ging naar de {} voor een huisbezoek."),
    ("adres", "8011ab", "De brief ging naar {} Zwolle, ter attentie van de moeder."),
    ("naam", "Fa\u200btima", "Daarna sprak {} met de mentor op school."),
    ("naam", "J\u0430n de Vries", "Het overleg met {} werd verplaatst."),
]

ORDINARY = [
    "Veilig Thuis ontving in 2023 ruim 4.200 meldingen, 12 % meer dan in 2022.",
    "Het Actieoverleg komt elke dinsdag om 09:30 uur bijeen in het Zorg- en Veiligheidshuis.",
    "De officier van justitie neemt binnen ZSM een beslissing over de afdoening.",
    "De Raad voor de Kinderbescherming start een onderzoek als de zorgen blijven.",
    "De reclassering brengt binnen 10 werkdagen een vroeghulpadvies uit.",
    "De politie deelt informatie op grond van artikel 8 Wpg en artikel 16 Wpg.",
    "Uit de praktijk 2.2 laat zien hoe het OM en de gemeente samenwerken.",
    "In januari 2024 is het convenant voor de periode 2024-2027 ondertekend.",
    "Het budget voor de pilot bedraagt € 125.000 per jaar, exclusief btw.",
    "Van de 350 casussen werd 65 % binnen zes weken afgerond.",
    "De gemeente Utrecht en de regio Midden-Nederland delen één procesregisseur.",
    "Artikel 7:2 van de Wet verplichte ggz regelt de crisismaatregel.",
    "Het Zorg- en Veiligheidshuis is bereikbaar via het algemene nummer op de website.",
    "De ketenpartners evalueren de werkwijze in het tweede kwartaal van 2025.",
    "Op 1 juli 2023 trad de nieuwe meldcode in werking.",
    "Het OM registreerde 1.234 zaken huiselijk geweld in de eerste helft van het jaar.",
    "De wijkagent en het wijkteam bespreken signalen binnen 48 uur.",
    "Tabel 3.1 toont het aantal meldingen per maand van maart tot en met december.",
    "Volgens de Raad voor de Kinderbescherming daalde de doorlooptijd naar 84 dagen.",
    "De casusregie ligt bij Veilig Thuis tot de veiligheid is hersteld.",
    "In hoofdstuk 4 staan de aanbevelingen voor het lokale veld.",
    "Het Actieoverleg besprak 27 casussen met een hoog risico op escalatie.",
    "De officier van justitie kan een tijdelijk huisverbod van 10 dagen opleggen.",
    "Sinds 2019 werken de reclassering en de GGZ samen in één team.",
    "Het percentage herhaald slachtofferschap bleef gelijk op 18,5 %.",
    "De politie Eenheid Den Haag nam deel aan de evaluatie.",
    "De Inspectie Justitie en Veiligheid publiceerde haar rapport in oktober 2022.",
    "Bijlage B bevat de lijst met afkortingen en begrippen.",
    "Het aantal huisverboden steeg van 412 naar 457.",
    "De procesregisseur stelt binnen 5 werkdagen een plan van aanpak op.",
    "De gemeente Den Bosch draagt € 45.000 bij aan het Zorg- en Veiligheidshuis.",
    "In de periode 2020-2023 is de aanpak driemaal bijgesteld.",
    "De ZSM-tafel is op werkdagen bemand van 08:00 tot 22:00 uur.",
    "Het Landelijk Platform Zorg- en Veiligheidshuizen ondersteunt de regio's.",
    "N.B. De cijfers over 2024 zijn voorlopig.",
    "Artikel 2.4 van de Jeugdwet gaat over de jeugdhulpplicht van gemeenten.",
    "Ketenpartners melden via het landelijke nummer 0800-2000 bij Veilig Thuis.",
    "De kosten per casus liggen tussen € 1.500 en € 3.200.",
    "Het zaaknummer van de melding wordt niet in de rapportage opgenomen.",
    "Op 15 maart 2024 besprak de stuurgroep de resultaten van de monitor.",
    "De kinderrechter besliste in 73 % van de verzoeken tot ondertoezichtstelling.",
    "Uit de praktijk 3.1: een gezamenlijke aanpak bij ouderenmishandeling.",
    # Review L6: what the new forms must leave alone.
    "Op 14-03-2025 vergaderde het Actieoverleg over 12 casussen.",
    "Het OM, de RvdK, het CJG, de GGD en ZSM stemmen af in het MDA++-overleg.",
    "VEILIG THUIS EN HET OM: AFSPRAKEN OVER DE SAMENWERKING",
    "De reclassering gebruikt RISc en SARA voor de risicotaxatie.",
    "Het budget van € 123.456 is in 2024 en 2025 verdeeld over 12 gemeenten.",
    "In maart 2019 is de aanpak geboren uit de samenwerking tussen OM en politie.",
    "Eerst werd de moeder gehoord, de vader erna.",
    "De pilot kost een ton per jaar, te betalen door de gemeente.",
]


def _caught(kind: str, planted: str, sentence: str) -> bool:
    text = sentence.format(planted)
    start = text.index(planted)
    end = start + len(planted)
    return any(h.kind == kind and h.start <= start and h.end >= end for h in scan(text))


def test_de_bewaking_vindt_genoeg_en_slaat_zelden_vals_alarm():
    missed = [(k, p) for k, p, s in PLANTED if not _caught(k, p, s)]
    false_alarms = [s for s in ORDINARY if scan(s)]
    recall = 1 - len(missed) / len(PLANTED)
    false_alarm_rate = len(false_alarms) / len(ORDINARY)
    print(
        f"\nprivacy guard: recall {recall:.0%} ({len(PLANTED) - len(missed)}/{len(PLANTED)}), "
        f"false alarms {false_alarm_rate:.0%} ({len(false_alarms)}/{len(ORDINARY)})"
    )
    print("missed:", missed, "false alarms:", false_alarms)
    assert len(PLANTED) >= 40
    assert len(ORDINARY) >= 40
    assert recall >= 0.95, missed
    assert false_alarm_rate <= 0.10, false_alarms
