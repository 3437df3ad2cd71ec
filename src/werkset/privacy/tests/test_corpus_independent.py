"""A second, independent corpus for the privacy guard (issue 17), written apart from
test_corpus.py: other planted items, other ways of writing them (a surname alone after a
role, names after a speech verb, a child's name after its age, BSNs as 4.2.3, an IBAN with
spaces after NL, a rekest- or meldingsnummer) and ordinary policy sentences in the style of
seed 001, full of capitalised organisations, projects, places and quotes.

Issue 17 asks for at least 95 % of planted personal data caught and at most 10 % of ordinary
sentences flagged. A planted item counts as caught when one hit of its kind covers it.
"""

from werkset.privacy.detectors import scan

# (kind, planted text, sentence with {} where the planted text goes)
PLANTED = [
    # Names of professionals and of people in cases.
    ("naam", "Marloes Wijnberg", "Het verslag is opgesteld door {}, procesregisseur."),
    ("naam", "Sjoerd Hoekstra", "Volgens {} van de politie loopt de samenwerking beter."),
    ("naam", "Hatice", "De oudste dochter, {}, verbleef twee weken in de opvang."),
    ("naam", "Thijs", "{} (9) werd na de melding door de jeugdarts gezien."),
    ("naam", "Romano", "De 15-jarige {} werd op school aangesproken door de wijkagent."),
    ("naam", "Yasmina El Idrissi", "{}, beleidsmedewerker bij de gemeente, schreef het plan."),
    ("naam", "P. Hofstede", "Het advies van {} is overgenomen door de stuurgroep."),
    ("naam", "G.J. Oosterhuis", "Namens het OM tekende {} de afspraken."),
    ("naam", "H. van Wijk", "Casusregisseur {} sprak met beide ouders."),
    ("naam", "mevrouw De Vries", "Het gesprek met {} vond plaats op het politiebureau."),
    ("naam", "meneer El Amrani", "Na de aangifte heeft {} zijn verklaring ingetrokken."),
    ("naam", "wijkagent Visser", "De melding kwam binnen bij {} van het basisteam."),
    ("naam", "Dijkstra", "{} gaf aan dat de vader eerder was veroordeeld."),
    ("naam", "Bakker", "Het dossier werd overgedragen aan {} van de reclassering."),
    ("naam", "mw. Çelik", "De tolk vertaalde voor {} tijdens het gesprek."),
    ("naam", "dhr. Van Leeuwen", "Volgens {} waren er geen eerdere incidenten."),
    ("naam", "Nienke", "{} heeft als casusregisseur de leiding gehouden."),
    ("naam", "Wouter de Graaf", "{}, officier van justitie, licht de werkwijze toe."),
    ("naam", "Esra", "De moeder van {} meldde zich bij het wijkteam."),
    ("naam", "Gerrit Zijlstra", "{} is de vaste contactpersoon van de Raad."),
    ("naam", "Mila", "{} en haar broertje werden tijdelijk bij de oma geplaatst."),
    ("naam", "mr. Bosman", "De zitting werd geleid door {}."),
    ("naam", "Tjitske", "“Eindelijk kennen we elkaar”, zegt {} over het overleg."),
    ("naam", "Brouwer", "Het plan van aanpak is met {} en de moeder doorgenomen."),
    # Dates of birth.
    ("geboortedatum", "21-08-2011", "Het kind is geboren op {} in Leeuwarden."),
    ("geboortedatum", "7 oktober 1979", "Geboren {}, zonder vaste woon- of verblijfplaats."),
    ("geboortedatum", "30/01/2005", "De verdachte (geboortedatum {}) werd voorgeleid."),
    ("geboortedatum", "12.04.2013", "Zijn zusje, geb. {}, zit in groep 6."),
    # Addresses.
    ("adres", "Kerkstraat 112", "Het incident vond plaats in de woning aan de {}."),
    ("adres", "8911 KL", "Zij verhuisde naar een flat met postcode {}."),
    ("adres", "Molenweg 4a", "De hulpverlener bezocht het adres {} twee keer."),
    ("adres", "Bloemgracht 45", "Het slachtoffer woonde op de {} in Amsterdam."),
    # Phone numbers.
    ("telefoonnummer", "0612345670", "Het nummer {} stond in de melding."),
    ("telefoonnummer", "050-3123456", "Het vaste nummer van de vader is {}."),
    ("telefoonnummer", "+31612345678", "Via WhatsApp op {} werden dreigberichten verstuurd."),
    ("telefoonnummer", "06 12 34 56 78", "De zus belde vanaf {} naar de politie."),
    # Citizen service numbers.
    ("bsn", "639572182", "Het burgerservicenummer {} is bekend bij de gemeente."),
    ("bsn", "3700.60.143", "BSN {} is gecontroleerd in de BRP."),
    ("bsn", "196 277 024", "De jongere (BSN: {}) staat ingeschreven in Assen."),
    # IBANs.
    ("iban", "NL02ABNA0123456789", "De huur werd overgemaakt van {}."),
    ("iban", "NL39 RABO 0300 0652 64", "Zij gaf rekening {} op voor de schadevergoeding."),
    # Case, file and registration numbers.
    ("zaaknummer", "VT-2024-00871", "Bij Veilig Thuis is dit bekend onder zaaknummer {}."),
    ("zaaknummer", "13/123456-24", "Het parketnummer {} staat op de dagvaarding."),
    ("zaaknummer", "C/16/512345", "Het rekestnummer is {} bij de rechtbank."),
    ("zaaknummer", "2024-MLD-3312", "Meldingsnummer {} is gekoppeld aan de casus."),
    # E-mail addresses.
    ("e-mailadres", "r.meijer@veiligthuisfryslan.nl", "Vragen kunnen naar {} worden gestuurd."),
    ("e-mailadres", "lisa_2008@live.nl", "De jongere gebruikte het adres {} voor contact."),
    # Review L6: other ways of writing what the guard missed.
    ("geboortedatum", "2009-11-30", "Geboortedatum {} volgens de BRP."),
    ("geboortedatum", "3/7/12", "Zijn broertje (geb. {}) was ook thuis."),
    ("geboortedatum", "21 augustus 2011", "Romano werd op {} geboren in Sneek."),
    ("geboortedatum", "okt. 2013", "De jongste dochter, geboren in {}, gaat naar groep 4."),
    ("naam", "sjoerd hoekstra", "Het advies kwam van {} van de politie."),
    ("naam", "MARLOES", "Het verslag is opgesteld door {}, procesregisseur bij de gemeente."),
    ("naam", "dhr. van leeuwen", "Volgens {} waren er geen eerdere incidenten."),
    ("naam", "esra", "De vader van {} is bekend bij de reclassering."),
    ("naam", "HATICE", "Het gesprek met {} vond plaats op school."),
    ("bsn", "12.34.56.782", "De jongere (BSN {}) staat ingeschreven in Assen."),
    ("adres", "Stationsln. 3a", "Het incident vond plaats aan de {} in Drachten."),
    ("adres", "9712cp", "De brief ging naar Oude Boteringestraat 4, {} Groningen."),
    (
        "naam",
        "\uff2e\uff49\uff45\uff4e\uff4b\uff45",
        "{} heeft als casusregisseur de leiding gehouden.",
    ),
    ("naam", "T\u200bhijs", "{} (9) werd na de melding door de jeugdarts gezien."),
]

# Ordinary sentences as a regional report writes them (seed 001's style): organisations,
# projects, places, months, figures and quotes without a name, none of them personal data.
ORDINARY = [
    "In Friesland werken Veilig Thuis, politie en OM sinds 2018 volgens de Friese Aanpak.",
    "Het Actie-overleg in Drenthe besprak in 2023 in totaal 112 casussen.",
    "Samen op in Acuut is in Groningen gestart als pilot bij het Zorg- en Veiligheidshuis.",
    "De Raad voor de Kinderbescherming sluit aan wanneer er minderjarige kinderen betrokken zijn.",
    "Volgens het Verweij-Jonker Instituut is samenwerking een cruciale factor voor veiligheid.",
    "De Handreiking Samenwerken bij strafbare kindermishandeling is in 2017 vastgesteld.",
    "Reclassering Nederland levert binnen vijf werkdagen een advies aan het OM.",
    "De politie-eenheid Noord-Nederland heeft drie specialisten stalking aangesteld.",
    "In het interview vertelt de teamleider van Veilig Thuis over de vroege signalen.",
    "Het Landelijk Netwerk Zorg en Straf organiseerde in november een vakdag.",
    "De Inspectie Justitie en Veiligheid noemt de informatie-uitwisseling een knelpunt.",
    "Sinds januari 2022 is de Frontoffice Kindermishandeling elke werkdag bereikbaar.",
    "Het project Nergens Thuis richt zich op jongeren zonder vaste verblijfplaats.",
    "Ooit gestart als Thuisfront, is de aanpak uitgegroeid tot een regionaal netwerk.",
    "Bijlage 2 geeft een overzicht van alle indicatoren per verbeteractie.",
    "Het Openbaar Ministerie nam in 78 % van de zaken binnen twee weken een beslissing.",
    "De gemeenten Leeuwarden, Sneek en Heerenveen financieren samen de procesregie.",
    "Veilig Thuis Zuidoost-Brabant gebruikt een eigen werkbeschrijving voor stalking.",
    "“We kennen elkaar nu bij naam en dat werkt”, zegt een medewerker van de reclassering.",
    "De kenniskring stalking kwam in 2024 vier keer bijeen in Assen.",
    "Slachtofferhulp Nederland is betrokken bij de nazorg na een huisverbod.",
    "De casus werd op 3 april besproken in het wekelijkse overleg.",
    "Op maandag 12 februari 2024 presenteerde de stuurgroep het werkplan.",
    "De ZSM-locatie in Groningen is dagelijks bemand door OM, politie en Halt.",
    "Fier biedt specialistische opvang aan slachtoffers van geweld in afhankelijkheidsrelaties.",
    "Hoofdstuk 5 beschrijft de samenwerking bij strafbare kindermishandeling.",
    "De kosten van de pilot bedroegen € 86.500 over twee jaar.",
    "Van de 640 meldingen leidden er 91 tot een strafrechtelijk onderzoek.",
    "De doorlooptijd van melding tot eerste overleg daalde van 21 naar 9 dagen.",
    "De Vereniging Nederlandse Gemeenten ondersteunt de regio's bij de implementatie.",
    "Uit de Praktijk: een casus waarin de samenwerking tussen zorg en straf slaagde.",
    "In het Regionaal Netwerk Zorg Straf Noord zitten vertegenwoordigers van alle partners.",
    "De Hogeschool Groningen evalueerde de aanpak met interviews en dossieronderzoek.",
    "Artikel 3 van het convenant regelt de gegevensdeling tussen de partners.",
    "De Jeugdbescherming Noord en de Raad stemmen hun adviezen vooraf af.",
    "De wijkagent en de procesregisseur bezoeken het gezin samen binnen 72 uur.",
    "Het regionale werkplan 2025-2026 is op 1 oktober vastgesteld door de bestuurders.",
    "Advies: “Betrek de huisarts eerder bij het Actie-overleg”, aldus de evaluatie.",
    "De Routekaart Kindermishandeling Noord is herzien na de evaluatie van 2023.",
    "In Zuidoost-Brabant en Noord-Nederland is de aanpak van ex-partner stalking versterkt.",
    "Beleidsadviseur Straf met Zorg is een nieuwe functie bij het parket Noord-Nederland.",
    "De Politieprofessie neemt de module huiselijk geweld op in de opleiding.",
    # Review L6: capitals, dates, numbers and measures that are not personal data.
    "Op 2024-10-01 stelde de STUURGROEP ZORG EN VEILIGHEID het werkplan vast.",
    "De ZSM-tafel, het OM en de RvdK gebruiken B-SAFER en SARA bij stalking.",
    "Op 1 januari 2024 is het convenant geboren uit de evaluatie van 2023.",
    "Het aantal meldingen steeg van 1234 naar 1456, dat is 18 % in 2024 en 2025.",
    "De GGD adviseert bij 1500mg en meer de huisarts te betrekken.",
    "Het Zorg- en Veiligheidshuis aan de Stationsstr. is op werkdagen open.",
    "De kinderen, de moeder en de vader werden apart gehoord door de Raad.",
]


def _caught(kind: str, planted: str, sentence: str) -> bool:
    text = sentence.format(planted)
    start = text.index(planted)
    end = start + len(planted)
    return any(h.kind == kind and h.start <= start and h.end >= end for h in scan(text))


def test_onafhankelijk_corpus_vindt_genoeg_en_slaat_zelden_vals_alarm():
    missed = [(k, p) for k, p, s in PLANTED if not _caught(k, p, s)]
    false_alarms = [(s, [h.text for h in scan(s)]) for s in ORDINARY if scan(s)]
    recall = 1 - len(missed) / len(PLANTED)
    false_alarm_rate = len(false_alarms) / len(ORDINARY)
    print(
        f"\nindependent corpus: recall {recall:.0%} ({len(PLANTED) - len(missed)}/"
        f"{len(PLANTED)}), false alarms {false_alarm_rate:.0%} "
        f"({len(false_alarms)}/{len(ORDINARY)})"
    )
    print("missed:", missed, "false alarms:", false_alarms)
    assert len(PLANTED) >= 40
    assert len(ORDINARY) >= 40
    assert recall >= 0.95, missed
    assert false_alarm_rate <= 0.10, false_alarms
