"""Yes, no, "I don't know", "next", "hint" and option words in German, Spanish, French, Italian, Dutch and
Portuguese.

Learners who share a classroom language often answer in it ("ja", "la c",
"opción b", "je sais pas"). Each phrase is rewritten to the English form the
other modules already understand, so they need no second set of patterns.
"""

from __future__ import annotations

import re

# whole-message phrases -> English
_PHRASES = {
    "yes": ("ja", "jawohl", "jap", "jep", "genau", "klar", "sicher", "natürlich", "naturlich", "jo", "si", "sí",
            "claro", "vale", "por supuesto", "oui", "ouais", "ouaip", "bien sûr", "bien sur", "d'accord", "dac",
            "ja bitte", "si por favor", "sí por favor", "oui merci", "ja gerne", "okey", "okidoki", "oki",
            "oui bien sûr", "oui bien sur", "oui oui", "sí claro", "si claro", "sí sí", "si si", "ja klar", "ja genau",
            "ja natürlich", "na klar", "claro que sí", "claro que si", "bien sûr que oui", "évidemment", "exacto",
            "exactement", "d'acc", "vas-y", "vas y", "dale",
            # Italian, Dutch, Portuguese
            "sì", "certo", "esatto", "va bene", "certamente", "jazeker", "zeker", "klopt", "inderdaad", "prima",
            "sim", "claro que sim", "com certeza", "isso", "exato", "pode ser"),
    "no": ("nein", "nee", "nö", "ne", "non", "pas du tout", "nein danke", "no gracias", "non merci", "nada",
           "no grazie", "nee dank je", "nee bedankt", "não", "nao", "não obrigado", "não obrigada"),
    "not yet": ("noch nicht", "nein noch nicht", "jetzt nicht", "nicht jetzt", "später", "spater", "todavía no",
                "todavia no", "aún no", "aun no", "ahora no", "todavía no gracias", "más tarde", "mas tarde",
                "pas encore", "pas maintenant", "plus tard", "non pas encore", "pas tout de suite"),
    "i don't know": ("no estoy seguro", "no estoy segura", "no sé qué", "je ne suis pas sûr", "je suis pas sûr",
                     "pas sûr", "nicht sicher", "ich bin nicht sicher", "ich bin mir nicht sicher",
                     "weiß nicht", "weiss nicht", "ich weiß nicht", "ich weiss nicht", "ich weiß es nicht",
                     "ich weiss es nicht", "keine ahnung", "kein plan", "no sé", "no se", "no lo sé", "no lo se",
                     "ni idea", "ni puta idea", "je ne sais pas", "je sais pas", "j'sais pas", "chais pas",
                     "aucune idée", "aucune idee", "sais pas", "jsp", "je ne sais", "no tengo idea",
                     "non lo so", "non so", "boh", "non ne ho idea", "nessuna idea", "weet ik niet", "ik weet het niet",
                     "ik weet niet", "geen idee", "geen flauw idee", "não sei", "nao sei", "eu não sei", "eu nao sei",
                     "sei lá", "sei la", "não faço ideia", "nao faco ideia", "não tenho certeza", "nao tenho certeza"),
    "next": ("weiter", "nächste", "nachste", "los", "los geht's", "los gehts", "siguiente", "sigue", "seguir",
             "vamos", "continuar", "suivant", "continue", "continuer", "allez", "on y va", "allons-y", "allons y"),
    "hint": ("tipp", "ein tipp", "hinweis", "einen tipp", "pista", "una pista", "indice", "un indice",
             "un indice svp", "indice svp", "tipp bitte", "pista por favor", "ayuda pista", "un aiuto", "suggerimento",
             "un suggerimento", "aanwijzing", "een hint", "een tip", "dica", "uma dica"),
    "help": ("hilfe", "ayuda", "aide", "au secours", "socorro", "je suis perdu", "je suis perdue", "estoy perdido",
             "estoy perdida", "ich bin verloren", "ich check es nicht",
             "keine ahnung was ich machen soll", "ich verstehe nicht", "ich versteh nicht",
             "ich verstehe das nicht", "no entiendo", "no lo entiendo", "je ne comprends pas", "je comprends pas",
             "j'comprends pas", "aiuto", "non capisco", "ik snap het niet", "ik begrijp het niet", "ajuda",
             "não entendo", "nao entendo", "não percebo", "was soll ich machen",
             "was soll ich tun", "qué hago", "que hago",
             "qué tengo que hacer", "que tengo que hacer", "je dois faire quoi", "qu'est-ce que je dois faire"),
    "skip": ("überspringen", "uberspringen", "überspring", "überspringe", "skippen", "saltar", "salta", "saltamos",
             "paso", "pasar", "sáltala", "saltala", "passer", "je passe", "on passe", "sauter", "passe"),
    "next question": ("nächste frage", "nachste frage", "siguiente pregunta", "la siguiente pregunta",
                      "question suivante", "la question suivante", "prochaine question"),
    "why": ("warum", "wieso", "weshalb", "warum denn", "por qué", "por que", "porqué", "pourquoi", "pk", "pq",
            "mais pourquoi", "pero por qué", "pero por que", "aber warum"),
    "why not": ("warum nicht", "por qué no", "por que no", "pourquoi pas"),
    "try again": ("nochmal versuchen", "noch mal versuchen", "erneut versuchen", "nochmal probieren",
                  "noch einmal versuchen", "intentar de nuevo", "volver a intentar", "otra vez intentar",
                  "intentarlo de nuevo", "réessayer", "reessayer", "essayer encore", "essayer à nouveau",
                  "essayer a nouveau"),
    "again": ("nochmal bitte", "bitte nochmal", "otra vez por favor", "encore une fois s'il te plaît", "nochmal",
              "noch mal", "noch einmal", "otra vez", "de nuevo", "encore", "encore une fois"),
    "start over": ("neu starten", "von vorne", "von vorn", "von vorne anfangen", "neustart", "empezar de nuevo",
                   "reiniciar", "volver a empezar", "recommencer", "depuis le début", "depuis le debut"),
    "not stated": ("não está escrito", "nao esta escrito", "não está no texto", "nao esta no texto", "não diz",
                   "nao diz", "não fala disso", "no está escrito", "no esta escrito", "no está en el texto",
                   "no esta en el texto", "non è scritto", "non e scritto", "non c'è", "non c'e", "non lo dice",
                   "non è nel testo", "non e nel testo", "n'est pas écrit", "n'est pas ecrit", "c'est pas écrit",
                   "c'est pas ecrit", "steht nirgends", "staat er niet", "staat niet in de tekst"),
    "it says": ("está escrito", "esta escrito", "está no texto", "esta no texto", "è scritto", "e scritto",
                "c'est écrit", "c'est ecrit", "staat er", "staat in de tekst"),
    "my score": ("punteggio", "il mio punteggio", "quanti punti", "pontuação", "pontuacao", "minha pontuação",
                 "minha pontuacao", "quantos pontos", "mijn score", "hoeveel punten", "punten", "punkte", "punktzahl",
                 "meine punkte", "meine punktzahl", "wie viele punkte", "puntos",
                 "mis puntos", "puntuación", "puntuacion", "mi puntuación", "mi puntuacion", "mon score",
                 "mes points", "combien de points"),
    "repeat the question": ("frage wiederholen", "die frage nochmal", "wiederhol die frage", "repite",
                            "repite la pregunta", "repetir la pregunta", "répète", "repete", "répète la question",
                            "repete la question", "répéter la question"),
}
_TO_ENGLISH = {phrase: english for english, phrases in _PHRASES.items() for phrase in phrases}

# option words: "la c", "opción b", "die c", "réponse d", "c'est la b", "ich nehme c", "elijo la a"
_OPTION = re.compile(
    r"^(?:(?:yo )?(?:creo que|pienso que|elijo|escojo|me quedo con|digo)\s+|(?:je pense que|je choisis|je dirais|"
    r"je prends)\s+|(?:ich glaube|ich denke|ich nehme|ich wähle|ich wahle|ich sage)\s+|"
    r"(?:penso che|credo che|penso|credo|scelgo|direi)\s+|(?:ik denk|ik kies|ik gok|ik zeg|volgens mij)\s+|"
    r"(?:acho que|eu acho que|eu acho|acho|escolho|eu escolho|eu diria)\s+)?"
    r"(?:es |c'est |ist |est |è |e |é |sia |seja |het is |is )?"
    r"(?:la |el |le |lo |die |das |der |antwort |respuesta |réponse |reponse |opción |opcion |option |buchstabe |"
    r"letra |lettre |nummer |número |numero |la opción |la opcion |la respuesta |la réponse |la reponse |"
    r"die antwort |l'option |antwort ist |la respuesta es |la réponse est |la reponse est |la risposta è |"
    r"la risposta e |la risposta |risposta |l'opzione |opzione |lettera |het antwoord is |het antwoord |antwoord |"
    r"optie |letter |a resposta é |a resposta e |a resposta |resposta |a opção |a opcao |opção |opcao |"
    r"letra )*"
    r"(?:es |est |ist )?\(?([a-h])\)?$"
)


# single words and short phrases inside a message -> English
_WORDS = {
    "und": "and", "et": "and", "o": "or", "oder": "or", "ou": "or",
    "bitte": "please", "por favor": "please", "s'il te plaît": "please", "s'il vous plaît": "please",
    "s'il te plait": "please", "s'il vous plait": "please", "erste": "first", "ersten": "first",
    "zweite": "second", "zweiten": "second", "dritte": "third", "dritten": "third", "vierte": "fourth",
    "letzte": "last", "primera": "first", "primero": "first", "segunda": "second", "segundo": "second",
    "tercera": "third", "tercero": "third", "cuarta": "fourth", "última": "last", "ultima": "last",
    "première": "first", "premiere": "first", "deuxième": "second", "deuxieme": "second", "troisième": "third",
    "troisieme": "third", "dernière": "last", "derniere": "last", "antwort": "answer", "respuesta": "answer",
    "réponse": "answer", "reponse": "answer", "réponses": "answers", "reponses": "answers", "respuestas": "answers",
    "antworten": "answers", "frage": "question", "pregunta": "question", "wiederholen": "repeat", "repetir": "repeat",
    "répéter": "repeat", "repeter": "repeat", "contredit": "contradicted", "widersprochen": "contradicted",
    "widerspricht": "contradicts", "contradice": "contradicts", "contradicho": "contradicted",
    "steht nicht im text": "not stated", "no lo dice": "it doesn't say", "ne le dit pas": "it doesn't say",
    "lo dice": "it says", "le dit": "it says", "steht im text": "it says", "sección": "section", "seccion": "section",
    "abschnitt": "section", "indice": "hint", "pista": "hint", "tipp": "hint", "hinweis": "hint",
    "artículo": "article", "articulo": "article", "artikel": "article", "l'article": "the article",
    "die": "the", "la": "the", "el": "the", "le": "the", "les": "the", "los": "the", "las": "the", "der": "the",
    "das": "the", "vamos": "let's go", "un": "a", "voir": "see", "ver": "see", "sehen": "see", "zeigen": "show",
    "montre": "show", "muestra": "show", "pourquoi": "why", "warum": "why", "wieso": "why", "por qué": "why",
    "porque": "because", "parce que": "because", "weil": "because", "zeig mir": "show me", "zeig": "show",
    "zeige": "show", "mir": "me", "una": "a", "une": "a",
    "muéstrame": "show me", "muestrame": "show me", "montre-moi": "show me", "montre moi": "show me",
    "nicht im text": "not in the text", "im text": "in the text", "nicht": "not", "bitte nochmal": "again please",
    # verdict words: "keine belege", "sin pruebas", "pas de preuves", "nicht erwähnt", "no lo menciona"
    "keine": "no", "kein": "no", "keinen": "no", "sin": "without", "sans": "without", "aucune": "no", "aucun": "no",
    "pas de": "no", "belege": "evidence", "beleg": "evidence", "beweise": "evidence", "beweis": "evidence",
    "quelle": "source", "quellen": "source", "pruebas": "evidence", "prueba": "evidence", "evidencia": "evidence",
    "evidencias": "evidence", "fuente": "source", "fuentes": "source", "preuve": "evidence", "preuves": "evidence",
    "dafür": "for it", "dafur": "for it", "nicht erwähnt": "not mentioned", "nicht erwahnt": "not mentioned",
    "wird nicht erwähnt": "not mentioned", "steht nicht drin": "not stated", "steht nicht da": "not stated",
    "steht drin": "it says", "steht da": "it says", "erwähnt": "mentioned", "no se menciona": "not mentioned",
    "no lo menciona": "not mentioned", "no menciona": "not mentioned", "no aparece": "not mentioned",
    "no se dice": "not stated", "se dice": "it says", "ça dit pas": "it doesn't say",
    "ça ne dit pas": "it doesn't say", "ca dit pas": "it doesn't say", "ça le dit": "it says",
    "c'est dit": "it says", "pas mentionné": "not mentioned", "pas mentionne": "not mentioned",
    "n'est pas mentionné": "not mentioned", "nicht belegt": "unsupported", "unbelegt": "unsupported",
    "belegt": "supported", "no está respaldado": "unsupported", "sin fundamento": "unsupported",
    "pas prouvé": "unsupported", "non prouvé": "unsupported", "widerspricht sich": "contradicts itself",
    "se contradice": "contradicts itself", "se contredit": "contradicts itself", "contradictorio": "contradicted",
    "widersprüchlich": "contradicted", "contradictoire": "contradicted", "stimmt": "true", "falsch": "wrong",
    "faux": "wrong", "falso": "wrong",
    # number words: "numero uno", "nummer zwei", "la deux"
    "número": "number", "numero": "number", "nummer": "number", "uno": "one", "dos": "two", "tres": "three",
    "cuatro": "four", "cinco": "five", "eins": "one", "zwei": "two", "drei": "three", "vier": "four", "fünf": "five",
    "funf": "five", "deux": "two", "trois": "three", "quatre": "four", "cinq": "five",
    # "quiero ir directo al quiz", "voglio andare al quiz", "quero ir para o quiz"
    "ir": "go", "andare": "go", "aller": "go", "directo": "straight", "directamente": "straight",
    "direttamente": "straight", "direto": "straight", "al": "to the", "para o": "to the", "au": "to the",
    "zum": "to the", "naar de": "to the",
}
# Verdicts in Italian, Portuguese and Dutch ("non è supportata", "não é comprovado", "niet onderbouwd"): read before
# a leading "non" becomes "no," and whether or not the message has another foreign mark.
_VERDICTS = {
    "non è supportata": "unsupported", "non è supportato": "unsupported", "non e supportata": "unsupported",
    "non e supportato": "unsupported", "non supportata": "unsupported", "non supportato": "unsupported",
    "non è dimostrato": "unsupported", "non è provato": "unsupported", "senza fondamento": "unsupported",
    "è supportata": "supported", "è supportato": "supported", "si contraddice": "contradicts itself",
    "contraddittorio": "contradicted", "contraddetto": "contradicted", "não é comprovado": "unsupported",
    "nao e comprovado": "unsupported", "não comprovado": "unsupported", "sem fundamento": "unsupported",
    "não é suportado": "unsupported", "se contradiz": "contradicts itself", "contraditório": "contradicted",
    "niet onderbouwd": "unsupported", "onderbouwd": "supported", "spreekt zichzelf tegen": "contradicts itself",
}
_VERDICT_RE = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w) for w in sorted(_VERDICTS, key=len, reverse=True))
                         + r")(?![\w'])")
# Words of the supported languages (and their number words): a real word there is never a typo of a command.
FOREIGN_WORDS = frozenset(w for w in _WORDS if " " not in w)
_WORD_RE = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))
                      + r")(?![\w'])")
_FOREIGN_MARK = re.compile(r"[äöüßñéèêàçíóúáîôûïëœâ¿¡]|\b(?:und|oder|bitte|die|der|das|y|et|la|el|los|las|les|"
                           r"por|je|ich|es|est|lo|le|kannst|du|veux|quiero|puedes|steht|keine|kein|sin|sans|"
                           r"aucune|pas|nicht|belege|beweise|pruebas|preuves|ça|ca|se|dice|menciona|pourquoi|warum|"
                           r"wieso|una|une|n[uú]mero|nummer|uno|dos|tres|cuatro|cinco|eins|zwei|drei|vier|voglio|vorrei|quero|"
                           r"deux|trois|quatre|cinq)\b")
# A question about a word: "was bedeutet X", "qué significa X", "que veut dire X", "X c'est quoi".
_TERM = re.compile(
    r"^(?:¿\s*)?(?:was (?:bedeutet|heißt|heisst|ist|sind|meint man mit)|was ist (?:ein|eine|der|die|das)|"
    r"qu[ée] (?:significa|quiere decir|es|son|es un|es una)|que veut dire|qu'est-ce que c'est|qu'est-ce que|"
    r"qu'est ce que|c'est quoi|ça veut dire quoi|ca veut dire quoi|que signifie|que signifie le mot|"
    r"was bedeutet das wort|qué significa la palabra|que significa la palabra)\s+"
    r"(?:(?:ein|eine|einen|der|die|das|un|une|le|la|les|el|los|las|una)\s+|l')?(?P<t>[\w' -]{2,40}?)\s*\??$|"
    r"^(?P<u>[\w' -]{2,30}?),?\s+(?:c'est quoi|ça veut dire quoi|ca veut dire quoi|was ist das|qué es eso|"
    r"que es eso|qué significa|que significa|bedeutet was)\s*\??$")
_POLITE_WORDS = ("bitte", "schön", "danke", "favor", "porfa", "porfis", "gracias", "plaît", "plait", "svp", "stp",
                 "merci")
_TERM_HINT = re.compile(r"was |qu|quoi|significa|bedeutet|heißt|heisst|veut dire|meint")
_POLITE = re.compile(r"[ ,]+(?:bitte|bitte schön|danke|por favor|porfa|porfis|gracias|s'il te plaît|s'il vous plaît|"
                     r"s'il te plait|s'il vous plait|svp|stp|merci)$")
_LEAD_YES = re.compile(r"^(?:sí|si|ja|oui|ouais|claro|genau|klar)[ ,!.]+(?=\S)")
_LEAD_NO = re.compile(r"^(?:nein|non|nee|nö)[ ,!.]+(?=\S)")
_WANT = re.compile(r"^(?:je veux|je voudrais|ich will|ich möchte|quiero|kannst du|puedes|peux-tu|tu peux|voglio|"
                   r"vorrei|quero|eu quero|ik wil)\s+")


def words_to_english(text: str) -> str:
    """Word by word, for a message that looks foreign: 'a, c y d' -> 'a, c and d', 'die zweite' -> 'the second'."""
    text = _VERDICT_RE.sub(lambda m: _VERDICTS[m.group(1)], text)
    if not _FOREIGN_MARK.search(text):
        return text
    text = _LEAD_YES.sub("yes, ", text)
    text = _LEAD_NO.sub("no, ", text)
    text = _WANT.sub("", text)
    text = re.sub(r"(?<=\S) y (?=\S)", " and ", text)  # "a, c y d"; a lone "y" is yes
    return _WORD_RE.sub(lambda m: _WORDS[m.group(1)], text)


def to_english(text: str) -> str:
    """The English form of a whole foreign-language message, or the text unchanged."""
    t = text.strip(" .!?,¿¡")
    if t.endswith(_POLITE_WORDS):  # "von vorne bitte": the request without "please"
        t = _POLITE.sub("", t).strip(" .!?,¿¡")
    if t in _TO_ENGLISH:
        return _TO_ENGLISH[t]
    m = _TERM.match(text.strip(" ¿¡")) if _TERM_HINT.search(text) else None
    if m:
        term = re.sub(r"^(?:un|una|une|el|la|le|les|los|las|l'|der|die|das|ein|eine|einen|des|du|de la)\s*", "",
                      m.group("t") or m.group("u"))
        return f"what does {term} mean?"
    m = _OPTION.match(re.sub(r"\s*:\s*", " ", _LEAD_YES.sub("", t)))  # "respuesta: c", "sí, la a"
    if m:
        return f"option {m.group(1)}"
    parts = re.split(r"([,;!?]+\s*)", text)
    if len(parts) > 1 and any(p.strip(" .!?,") in _TO_ENGLISH for p in parts):  # "ni idea, una pista?"
        text = "".join(_TO_ENGLISH.get(p.strip(" .!?,"), p) for p in parts)
    return words_to_english(text)
