"""Word lists shared by segmentation and judging (English)."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt sgt maj cpl adm gov sen rep rev st jr sr no nos vs etc
    inc ltd co corp plc dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.g i.e a.m p.m mt ft jan. pres""".split()
)

FINITE_SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|reported|reports|confirmed|confirms|"
    "announced|announces|insisted|insists|claimed|claims|admitted|admits|warned|warns|"
    "denied|denies|alleged|alleges|argued|argues|believes|believed|estimated|estimates|"
    "noted|notes|explained|explains|wrote|writes|acknowledged|acknowledges|maintained|"
    "maintains|suggested|suggests|predicted|predicts|described|describes|accused|accuses|"
    "blamed|blames|disclosed|revealed|reveals|declared|declares|tweeted|posted|"
    "recalled|recalls|conceded|concedes|stressed|stresses|emphasised|emphasized|asserted|"
    "asserts|contended|contends|indicated|indicates|hoped|hopes|agreed|agrees|urged|urges"
)
# The plain forms, speech verbs only after a plural subject ("officials confirm", "police
# believe"); after a singular word most are nouns ("the report found", "her claim").
PLAIN_SPEECH_VERBS = "confirm|claim|believe|estimate|report|allege|insist|warn|deny|admit|acknowledge|maintain"
SPEECH_VERBS = f"{FINITE_SPEECH_VERBS}|{PLAIN_SPEECH_VERBS}"

# "suspect" is a hedge as a verb, after a plural subject, a pronoun or an adverb ("police
# suspect", "investigators now suspect", "they suspect"), and "suspected" always ("the
# suspected gunman"); elsewhere, or before a verb of its own, "suspect(s)" is the noun ("the
# suspect fled", "a 20-year-old suspect", "both suspects", "the Texas suspect was"): no hedge.
_SUSPECT = (r"(?:\bsuspected\b|(?:(?:(?<=[^\Wsu]s\s)|(?<=\bpolice\s)|(?<=\bpeople\s)|(?<=\bthey\s)|(?<=\bwe\s)"
            r"|(?<=\bi\s)|(?<=\byou\s)|(?<=\balso\s)|(?<=\bnow\s)|(?<=\bstill\s)|(?<=\bstrongly\s))suspect"
            r"|(?:(?<=\bhe\s)|(?<=\bshe\s)|(?<=\bit\s))suspects)\b"
            r"(?!\s+(?:was|were|is|are|has|have|had|fled|remains?|remained|appeared|died|escaped|said)\b))")
# Not ruling something out only leaves it possible ("police did not rule out arson").
NOT_RULED_OUT = r"(?:not|cannot|never) (?:be |been |yet )?(?:rule|ruled|ruling) out"
HEDGE_PATTERNS = [
    r"\breportedly\b", r"\ballegedly\b", r"\bapparently\b", r"\bpurportedly\b",
    r"\bpossibly\b", r"\bprobably\b", r"\bperhaps\b", r"\bpresumably\b", r"\bsupposedly\b",
    r"\bmay\b", r"\bmight\b", r"\bcould\b", r"\blikely\b", r"\bunlikely\b",
    _SUSPECT, r"(?<!\bon )\bsuspicion\b", r"\bbelieved to\b", r"\bthought to\b",
    r"\bappear(?:s|ed)? to\b", r"\bseem(?:s|ed)? to\b", r"\bunconfirmed\b",
    r"\bnot (?:yet )?(?:been )?(?:confirmed|established|determined|verified|clear|known)\b",
    rf"\b{NOT_RULED_OUT}\b",
    r"\b(?:yet|failed) to (?:establish|determine|confirm|verify)\b",
    r"\bunder investigation\b", r"\bunclear\b", r"\bunknown\b", r"\bunverified\b",
    r"\bpossible\b", r"\bpotential(?:ly)?\b", r"\bclaimed to\b", r"\bsaid to be\b",
    r"\bif confirmed\b", r"\bit is thought\b", r"\baccording to unconfirmed\b",
    r"\btoo early to (?:say|tell|know|determine)\b", r"\bpossibilit(?:y|ies)\b",
    r"\bin principle\b", r"\bprovisional(?:ly)?\b", r"\btentative(?:ly)?\b",
    r"\bno (?:firm )?(?:conclusion|decision)\b", r"\b(?:yet to|not yet) decided?\b",
]
HEDGE_RE = re.compile("|".join(HEDGE_PATTERNS), re.IGNORECASE)
# The words (lower case) that a match of HEDGE_RE begins with; keep them in step with
# the patterns. A text without any of them has no hedge, which is quicker to tell than
# to search for one; segment only tries the pattern where they are.
HEDGE_WORDS = frozenset(
    """reportedly allegedly apparently purportedly possibly probably perhaps presumably supposedly
    may might could likely unlikely suspect suspects suspected suspicion believed thought appear
    appears appeared seem seems seemed unconfirmed not yet failed under unclear unknown unverified
    possible potential potentially claimed said if it according too possibility possibilities in
    provisional provisionally tentative tentatively no cannot never""".split()
)

# Hedges that put the fact itself in doubt; "could" about the future does not ("could
# face a fine"), "may" and "might" do ("she may lose some of her toes" / "she will lose
# several toes"), in lower case only (not the month or a name: "in May last year",
# "Theresa May resigned").
STRONG_HEDGE_RE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|purportedly|possibly|probably|presumably|supposedly|"
    r"perhaps|unconfirmed|unverified|unclear|" + _SUSPECT + r"|(?<!\bon )suspicion|believed to|thought to|"
    r"appear(?:s|ed)? to|seem(?:s|ed)? to|(?:may|might|could) have|(?-i:(?:may|might)(?= [a-z]))|likely|unlikely|"
    r"not (?:yet )?(?:be |been )?(?:independently )?(?:confirmed|established|determined|verified|known)|"
    + NOT_RULED_OUT + r"|"
    r"(?:yet|failed) to (?:establish|determine|confirm|verify)|under investigation|if confirmed|"
    r"(?:investigat\w*|examin\w*|looking into|check\w*|determin\w*|establish\w*|ascertain\w*|"
    r"(?:un)?clear|(?:un)?known|decided) whether|considering|too early to (?:say|tell|know|determine)|"
    r"possibilit(?:y|ies)|in principle|provisional(?:ly)?|tentative(?:ly)?|no (?:firm )?(?:conclusion|decision)|"
    r"(?:yet to|not yet) decided?|possible (?:causes?|explanations?|sources?))\b",
    re.IGNORECASE,
)

# Every match of STRONG_HEDGE_RE begins with one of these (lower case); keep them in step.
STRONG_HEDGE_STARTS = (
    "reportedly", "allegedly", "apparently", "purportedly", "possibly", "probably", "presumably",
    "supposedly", "perhaps", "unconfirmed", "unverified", "unclear", "suspect", "suspicion", "believed",
    "thought", "appear", "seem", "may", "might", "could", "likely", "unlikely", "not", "yet", "failed",
    "under", "if", "investigat", "examin", "looking", "check", "determin", "establish", "ascertain",
    "clear", "known", "unknown", "decided", "considering", "too", "possibilit", "in principle", "cannot", "never",
    "provisional", "tentative", "no ", "possible",
)
# Every match of STRONG_HEDGE_RE holds one of these as a whole word, one for each of its
# branches (the rarest word the branch always has: "confirmed" of "not yet confirmed");
# keep them in step. A text with none of them has no strong hedge (see judge._strong_hedges).
STRONG_HEDGE_KEYS = frozenset(
    """reportedly allegedly apparently purportedly possibly probably presumably supposedly perhaps
    unconfirmed unverified unclear suspected suspect suspects suspicion believed thought appear appears
    appeared seem seems seemed may might could likely unlikely confirmed established determined verified
    known rule ruled ruling establish determine confirm verify investigation whether considering early
    principle possibility possibilities provisional provisionally tentative tentatively conclusion
    decision decide decided possible""".split()
)

# Words that state uncertainty about a fact rather than deny it; they are excluded
# from negation counting so that "not established" reads as modality.
UNCERTAIN_NEGATION_RE = re.compile(
    r"\b(?:not (?:yet )?(?:be |been )?(?:independently )?(?:confirmed|established|determined|verified|"
    r"clear|known)|" + NOT_RULED_OUT + r"|"
    r"(?:yet|failed) to (?:establish|determine|confirm|verify)|cannot confirm|"
    r"could not confirm|unable to confirm|not immediately (?:clear|known))\b",
    re.IGNORECASE,
)
# Every match of UNCERTAIN_NEGATION_RE holds one of these words (see HEDGE_WORDS).
UNCERTAIN_NEGATION_WORDS = frozenset({"not", "cannot", "never", "yet", "failed", "unable"})

# Words in -ing that are no gerund: "stopped following a clash", "stops including the airport"
# deny nothing ("stopped accepting" does).
_ING_NOT_GERUNDS = ("(?:following|during|pending|including|excluding|according|regarding|concerning|barring|"
                    "notwithstanding|something|anything|nothing|everything)")
# A bound ("no fewer than 40", "not more than half") and "not only ... but" deny nothing.
NEGATION_RE = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|neither|nor|without|cannot|unable|"
    r"no-one|no one|denied|denies|deny|denying|refused|refuses|refusing|rejected|rejects|rejecting|"
    r"(?:stopped|stops|stop|stopping) short of|(?:stopped|ceased|stops|ceases)(?=\s+(?!" + _ING_NOT_GERUNDS + r"\b)\w+ing\b)|"
    r"\w+n't)\b(?!\s+(?:(?:fewer|less|more)\s+than|only)\b)",
    re.IGNORECASE,
)
# The words that a match of NEGATION_RE, but a contraction ("didn't"), begins with (see
# HEDGE_WORDS).
NEGATION_WORDS = frozenset(
    """not no never nobody none nothing neither nor without cannot unable denied denies deny denying
    refused refuses refusing rejected rejects rejecting stopped stops stop stopping ceased ceases""".split()
)

UPDATE_RE = re.compile(
    r"\b(?:updated?|updating|risen to|rose to|rising to|climbed to|increased to|"
    r"grown to|jumped to|fallen to|dropped to|revised|now stands|later rose|"
    r"latest (?:figures?|toll|count|tally)|new (?:figures?|toll)|raised the|lowered the|"
    r"(?:bringing|taking|pushing|raising) (?:the|its) (?:[\w'’-]+ )?(?:toll|total|tally|count|number)\b"
    r"(?!\s*\d)[^.;]{0,40}?\bto)\b",  # (not "taking the number 38 bus to work")
    re.IGNORECASE,
)
# The words that a match of UPDATE_RE begins with (see HEDGE_WORDS).
UPDATE_WORDS = frozenset(
    """update updated updating risen rose rising climbed increased grown jumped fallen dropped
    revised now later latest new raised lowered bringing taking pushing raising""".split()
)

APPROX_RE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|close to|over|more than|"
    r"less than|fewer than|under|at least|at most|up to|as many as|as much as|as few as|"
    r"upwards of|in excess of|an estimated|estimated|just over|just under|some|c\.)\s*$",
    re.IGNORECASE,
)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
    "single": 1, "pair": 2, "a pair of": 2, "twin": 2, "both": 2, "half": 0.5,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000,
               "mn": 1_000_000, "tn": 1_000_000_000_000}

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under about
    after before during since until than then that this these those there here it its it's
    is are was were be been being has have had do does did will would shall should can could
    may might must not no nor so such too very just also only own same other another each
    both all any some more most few many much which who whom whose what when where why how
    he she they them their his her him we us our you your i me my mine said says say told
    according while although though because per via upon out up down off again further once
    s t""".split()
)

# Nouns that count people (singular, as quantities' heads are). "people" is general
# enough to count any of these groups ("Four people" / "Seven fans"), and "others" with
# no noun after it ("two killed and 23 others hurt") counts people beside "people".
PERSON_NOUNS = frozenset(
    """people person man men woman women child children boy girl baby adult teenager pupil
    student worker employee staff resident patient passenger driver pilot fan supporter
    spectator visitor tourist shopper customer victim casualty survivor civilian soldier troop
    officer police policeman firefighter rescuer volunteer doctor nurse protester demonstrator
    migrant refugee prisoner inmate detainee suspect voter member miner farmer guest
    pensioner villager inhabitant marcher journalist reporter guard teacher parent player
    athlete official investor shareholder subscriber user consumer client commuter traveller
    traveler motorist pedestrian cyclist fisherman sailor crewman hostage hiker climber
    evacuee homeowner tenant depositor candidate delegate councillor witness participant
    militant fighter rebel gunman attacker colleague other""".split()
)
GENERAL_PERSON_NOUNS = frozenset({"people", "person"})

# Words that say what happened to a counted group of people, one meaning per line: two
# figures of "people" count the same group only when the words next to them share a
# word or a line ("14 people were hurt" / "nine people suffered burns"), not across lines
# ("14 people were arrested" / "2,450 people joined the march"; killed / injured).
PREDICATE_SYNONYMS = tuple(frozenset(line.split()) for line in """
    hurt injure injured injuries injury wound wounded burn burns burned suffer suffered casualty casualties
    hospital hospitalised hospitalized admit admitted rush rushed treat treated
    kill killed die died dead death deaths perish perished fatal fatally body bodies
    arrest arrested detain detained custody held charge charged
    evacuate evacuated flee fled displace displaced relocate relocated homeless
    missing unaccounted trapped
    join joined march marched attend attended gather gathered rally rallied protest protested turn crowd crowds demonstrate
    rescue rescued save saved free freed
    survive survived survives survivor survivors unhurt unharmed
    strand stranded affect affected disrupt disrupted delay delayed
    present inside aboard underground
""".strip().splitlines())

# Words of opposite meaning, one pair of sides per line ("|" between the sides): a claim
# saying one side and a claim saying the other of the same thing contradict each other
# ("all branches will stay shut" / "all branches will open as usual"). Words are compared
# by coverage.similarity.stem, which folds few forms together ("survive" / "survived",
# "shut" / "shutting" stay apart): list every form.
ANTONYMS = tuple(tuple(frozenset(side.split()) for side in line.split("|")) for line in """
    open opens opened reopen reopens reopened reopening | shut shuts shutting closed closes
    support supports supported supporter supporters | oppose opposes opposed opponent opponents
    accept accepts accepted approve approves approved | reject rejects rejected
    allow allows allowed permit permits permitted | ban bans banned prohibit prohibits prohibited forbid forbids forbidden
    guilty convicted | acquitted innocent
    alive survive survived survives | dead died dies killed
    pass passed passes | fail failed fails
""".strip().splitlines())

# Words news reports use for one another, one group per line: the texts the aligner
# compares (TF-IDF words and character n-grams, fuzzy scores) see each word as its line's
# first word, so "the trial was halted" and "the study was suspended" share words.
# General news vocabulary; a word of several meanings ("fire": a blaze or a sacking,
# "march": a protest or a month) is left out of the lines where it would mislead.
MATCHING_SYNONYMS = tuple(line.split() for line in """
    stop halt pause suspend suspended halted paused stopped
    start begin began begun launch launched commence commenced
    kill killed die died dead death deaths fatal fatalities perish perished
    injure injured injury injuries hurt wound wounded casualty casualties
    hospital hospitalised hospitalized
    arrest arrested detain detained custody
    evacuate evacuated evacuation flee fled displaced
    blaze fire flames inferno
    earthquake quake tremor
    home homes house houses household households dwelling dwellings
    company firm business
    boss chief
    damage damaged destroy destroyed wreck wrecked
    investigate investigation probe inquiry
    cause caused trigger triggered spark sparked
    rise rose risen increase increased grow grew climb climbed jump jumped surge surged
    fall fell fallen drop dropped decline declined plunge plunged slump slumped
    buy bought acquire acquired purchase purchased takeover
    cut cuts axe axed scrap scrapped cancel cancelled canceled
    warning warn warned alert alerts
    rain rainfall downpour
    collapse collapsed cave caved
    rescue rescued
    trapped stranded
    missing unaccounted
    allege alleged claim claimed
    deny denied reject rejected dismiss dismissed
    confirm confirmed verify verified
    approve approved authorise authorised authorize authorized
    ban banned prohibit prohibited
    money cash funds
    price cost value valued
    trial study
    drug medicine
    volunteer volunteers participant participants
    worker workers employee employees staff
    job jobs
    plant factory
    resign resigned quit
    sack sacked
    vote votes ballot ballots
    win won victory
    official officials authorities
    minister ministry
    protest protests demonstration demonstrations rally rallies
    protester protesters demonstrator demonstrators marcher marchers
    police officers
    blast explosion explode exploded
    passenger passengers traveller travellers
    strike walkout stoppage
    shut closed closure
    reopen reopened
    apologise apologised apologize apologized apology sorry
    compensation refund compensate
    fine fined penalty
    guilty convicted
    sentence sentenced jailed jail prison imprisoned
    storm hurricane typhoon cyclone
    flood floods flooded flooding floodwater floodwaters deluge
    aircraft jet airliner
    ship vessel boat ferry
    crash crashed collision collided
    end ended finish finished conclude concluded
    talks negotiations
    agreement deal accord
    resident residents inhabitants
    attack attacked assault assaulted
    troops soldiers military army
    rebels insurgents militants fighters
    gunman gunmen shooter
""".strip().splitlines())

# Counted nouns that count the same things ("38 houses" / "40 homes"), one group per line.
# Listed rather than taken from word vectors: vectors trained on news put words of one
# topic together ("flights" / "passengers", "residents" / "villages"), not words of one
# meaning.
COUNT_SYNONYMS = tuple(frozenset(line.split()) for line in """
    home house household dwelling residence property
    worker employee staff staffer
    death fatality dead
    protester demonstrator marcher
    soldier troop serviceman
    vehicle car
    passenger traveller traveler
    fan supporter spectator
    student pupil
    child children kid youngster
    resident villager inhabitant
    volunteer participant
    officer policeman
    plane aircraft jet airliner
    ship vessel boat
    drone uav
    doctor physician
    firefighter fireman
    customer subscriber user consumer client
    vote ballot
""".strip().splitlines())
