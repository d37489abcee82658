"""The vocabulary of anti-trafficking law, as regular expressions.

Each concept is one compiled, case-insensitive pattern. The rules in
:mod:`fourthp.analyzer.rules` combine them: a provision is recognised when the
right concepts occur close together, in the right kind of sentence (an
offence, a duty, a definition), in a section about trafficking in persons.

Patterns never lower-case or otherwise rewrite the text, so every match is an
offset into the text that was searched.
"""

from __future__ import annotations

import re

__all__ = ["CONCEPTS", "GATE", "about_trafficking", "concept", "mentions_ht"]

_FLAGS = re.IGNORECASE


def _c(pattern: str) -> re.Pattern[str]:
    # Drafters break lines anywhere; a space in a pattern stands for any run of whitespace.
    return re.compile(pattern.replace(" ?", r"\s*").replace(" ", r"\s+"), _FLAGS)


_WORDNUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|twenty-five|thirty|forty|fifty|life)"
_AGE_WORD = r"(?:1[0-9]|eighteen|sixteen|seventeen|fifteen|fourteen|thirteen|twelve)"

# A cheap first pass: a section that matches none of these says nothing about
# trafficking in persons, and the rules are not run on it.
GATE = _c(
    r"traffick|slave|servitude|peonage|bondage|bonded labou?r|forced (?:or compulsory )?labou?r|compulsory labou?r"
    r"|commercial sex|sexual(?:ly)? exploit|exploitation|smuggl|prostitut|1581|158[3-9]|159[0-7]|710[2-9]"
    r"|22-18[34]\d|279\.0|286\.[1-5]|victim's services or labou?r|labou?r or services"
)

CONCEPTS: dict[str, re.Pattern[str]] = {
    # --- what the section is about ----------------------------------------
    # "Trafficking" with a person as its object, or a term only anti-trafficking law uses.
    "ht": _c(
        r"traffick\w* (?:in|of) (?:(?:a|any|another) )?(?:persons?|human beings?|humans?|individuals?|people|children|child|women|minors?)\b"
        r"|human(?:-| )trafficking|(?:sex|sexual|labou?r|child) trafficking|traffick(?:ed|ing) (?:persons?|individuals?|victims?|children|child|minors?)"
        r"|victims? of (?:(?:human|sex|labou?r|child|severe forms of) )?trafficking|severe forms? of trafficking|trafficking victims?"
        r"|(?:anti|counter)-trafficking|trafficker\w*|Trafficking Victims Protection|Modern Slavery"
        r"|\bsale of (?:a |the )?(?:children|child|persons?|human beings?|women|girls)\b"
    ),
    "slavery": _c(
        r"slavery|\bslaves?\b|servitude|peonage|debt bondage|\bbondage|bonded labou?r|forced (?:or compulsory )?labou?r|compulsory labou?r"
        r"|forced (?:labou?r or )?services"
    ),
    "htvocab": _c(
        r"labou?r or services|commercial sex acts?|for the purpose of exploiting|facilitating their exploitation"
    ),
    "sexexp": _c(
        r"commercial sex(?:ual)? (?:acts?|activit\w+|exploitation)|sexual(?:ly)? exploit\w*|exploitation of the prostitution"
    ),
    # Sections of trafficking law elsewhere in the statute book: 18 U.S.C. ch. 77,
    # 22 U.S.C. 7102-7115, D.C. Code 22-1831 to 22-1843, Criminal Code (Canada) 279.01-279.04.
    "htref": _c(
        r"(?:§+|sections?) ?(?:158[1-9]|159[0-7])\b|chapter 77\b|(?:§+|sections?) ?71(?:0[2-9]|1[0-5])\b"
        r"|22-18(?:3[1-9]|4[0-3])\b|279\.0(?:1|11|2|3|4)\b|\b118 of the Immigration and Refugee Protection Act"
        r"|victim's (?:services|labou?r) (?:or|and) (?:services|labou?r)"
    ),
    "traffick": _c(r"\btraffick\w*"),
    # The other "trafficking" of statute books: what is trafficked decides.
    "otherobj": _c(
        r"drugs?\b|narcotic\w*|controlled substances?|cocaine|heroin|fentanyl|opi(?:um|oids?|ates?)|marijuana|cannabis|methamphetamine"
        r"|wildlife|ivory|rhino\w*|species|\bfish\b|timber|animals?|plants?\b|firearms?|weapons?|\bguns?\b|ammunition|explosives?"
        r"|food stamps?|\bSNAP\b|supplemental nutrition|\bEBT\b|benefit cards?|coupons?|identity (?:information|data)|identification (?:documents?|information|cards?)"
        r"|means of identification|identifying information|personal (?:data|information)|credit cards?|access devices?|counterfeit\w*"
        r"|cigarettes?|tobacco|stolen (?:property|goods|vehicles?)|antiquities|cultural property|\bdevices?\b|\bgoods\b|merchandise|contraband"
    ),
    # Selling or buying a person: the oldest form of the offence in penal codes
    # ("sells, lets to hire or otherwise disposes of any person"); the payment
    # is itself a means (Palermo art. 3(a): "giving or receiving of payments").
    "sale": _c(
        r"\b(?:sells?|sold|selling|buys?|bought|buying|barter\w*|lets? (?:out )?to hire|hires? out|otherwise disposes? of|obtains? possession of|pledg\w+)"
        r",? (?:or (?:otherwise )?\w+ )?(?:(?:any|a|another|the) )?(?:persons?|wom[ae]n|girls?|boys?|child(?:ren)?|minors?|human beings?|individuals?)\b"
    ),
    "smuggling": _c(
        r"smuggl\w+|illegal entry|unlawful entry|bring\w* (?:in|into) [^.;]{0,40}aliens?|harbou?r\w* [^.;]{0,30}aliens?|organi[sz]\w+ [^.;]{0,40}coming into|without (?:valid )?documents? required"
    ),
    "prostitution": _c(r"prostitut\w+|bawdy|brothel|pandering|pimp\w*|solicit\w* for (?:the purpose of )?prostitution"),
    # --- the elements of the offence (Palermo art. 3(a)) -------------------
    "act": _c(
        r"\brecruit\w*|\bentic\w+|\bharbou?r\w*|\btransport\w*|\btransfer\w*|\breceipt\b|\breceiv\w+|(?<!as.)(?<!as.otherwise.)(?<!except.as.)\bprovid(?:es|ed|ing)\b(?! (?:in|by|for|under|that)\b)|\bobtain\w*"
        r"|\bmaintain\w*|\bisolat\w+|\bexercis\w+ control|\bconceal\w*|\bsells?\b|\bbuys?\b|\bpurchas\w+|\btrades? in\b"
        r"|\bprocur(?:e|es|ed|ing)\b|\badvanc(?:es|ed|ing) prostitution|\bcompel\w* (?:a |an |another |any )?(?:person|individual|minor|child)|\bdetain(?:s|ed|ing)?\b|\binduc(?:e|es|ed|ing)\b|\bconvey(?:s|ed|ing)?\b|\btakes? away\b|\bbarter\w*|\btraffics? (?:another|a|an|any) (?:person|individual|child|minor|woman|girl)"
    ),
    "means": _c(
        r"\bforce\b|\bthreat\w*|\bfraud\w*|\bcoerc\w+|\bdecept\w+|\bdeceiv\w+|\babduct\w*|\bkidnap\w*|abuse of (?:power|authority|a position|trust)"
        r"|position of vulnerability|\bintimidat\w+|serious harm|abuse or threatened abuse of (?:the )?law|giving or receiving of payments|exploit\w* (?:the |his |her |their )?vulnerab\w+"
    ),
    "sexpurpose": _c(
        r"commercial sex(?:ual)? (?:acts?|activit\w+)|sexual exploitation|exploitation of the prostitution|\bprostitution\b|sexual services"
        r"|sexual (?:acts?|activit\w+|conduct|performance)|pornograph\w*|sexually explicit|obscene"
    ),
    "labourpurpose": _c(
        r"labou?r or services|forced (?:or compulsory )?labou?r|compulsory labou?r|forced services|involuntary servitude|servitude|slavery"
        r"|practices similar to slavery|peonage|debt bondage|domestic (?:work|servitude|service)|provide labou?r|labou?r (?:or|and) (?:a )?services?"
        r"|removal of organs|compelled labou?r|bonded labou?r|involuntary labou?r"
    ),
    "exploit": _c(r"\bexploit\w*"),
    "offence": _c(
        r"\bwhoever\b|\bevery ?(?:one|body)\b|\bevery person who\b|\bany person who\b|\ba person (?:who|commits|is guilty)\b|\bcommits (?:the|an) (?:offen[cs]e|crime)"
        r"|\bshall be (?:punished|fined|imprisoned|sentenced|guilty)|(?<!defendant.)(?<!accused.)\bis guilty of\b|(?<!not.)\bguilty of an? (?:indictable |summary )?offen[cs]e|\bliable (?:on conviction|to imprisonment)"
        r"|\bit (?:is|shall be) unlawful\b|\bestablish as (?:a )?criminal offen[cs]es?|\bcriminali[sz]\w+|\bpunishable\b|\bshall be punished"
        r"|\bcommits the crime\b|\bis punished\b|\bshall be liable\b|\bfelony\b"
        r"|\bshall be punishable\b|\bon conviction\b|\bdeemed to be guilty\b|\bliable to be proceeded against"
    ),
    "treatycrim": _c(r"establish as (?:a )?criminal offen[cs]es?|\bcriminali[sz]e\b"),
    "definition": _c(
        r"(?:[\"“”'‘’][^\"“”'‘’\n]{1,80}[\"“”'‘’]|\bterm [^.;]{1,60}) (?:means|includes|shall mean|has the meaning|refers to)\b|\bas used in this\b|\bin this (?:act|chapter|part|section|subchapter|title|code|protocol|convention)[,:]? [^.;]{0,30}(?:means|the following)"
        r"|\bfor the purposes of this (?:act|chapter|part|section|subchapter|title|code|protocol|convention|article)[,:]"
    ),
    "child": _c(
        r"\bminors?\b|\bchild(?:ren)?\b|\bjuveniles?\b|\byouths?\b|\bgirls?\b|\bboys?\b|under (?:the age of )?"
        + _AGE_WORD
        + r"\b|"
        + _AGE_WORD
        + r" years (?:of age|old)"
        r"|not (?:yet )?attained the age|age of majority|\bunder the age\b"
    ),
    "age": _c(
        r"(?:under|less than|below|younger than|not (?:yet )?attained the age of) (?:the age of )?"
        + _AGE_WORD
        + r"(?: years)?"
        r"|" + _AGE_WORD + r" years (?:of age|old)|\bunder the age of majority|\bminors?\b|\bchild\b"
    ),
    "nomeans": _c(
        r"even if (?:this|it|the (?:offen[cs]e|conduct)) does not involve|(?:regardless|irrespective) of whether|need not (?:be )?(?:prove|proven|established|shown)"
        r"|without (?:regard to|proof of|the need to prove)|(?:shall not be|is not) required to prove|whether or not (?:the )?(?:means|force|any)"
        r"|does not (?:need|require) (?:proof|to prove)|or that the person has not attained the age|\bor (?:in which|where|if) the (?:person|victim)[^.;]{0,60}(?:has not attained|is under|is younger)|has not attained the age of 18 years and will be caused"
    ),
    "consent": _c(
        r"consent[^.;]{0,160}(?:irrelevant|immaterial|not (?:a )?(?:valid|defen[cs]e)|no defen[cs]e|shall not (?:constitute|be) (?:a )?defen[cs]e|is not a defen[cs]e|does not constitute a defen[cs]e)"
        r"|(?:no|not a) (?:valid )?defen[cs]e[^.;]{0,120}consent|\bno consent[^.;]{0,240}(?:is|shall be) valid|consent of (?:a|the) victim[^.;]{0,80}(?:irrelevant|not a defen[cs]e)"
        # UK and Commonwealth drafting: "It is irrelevant whether V consents", "the consent of a person …
        # does not preclude a determination", "the consent … shall not be relevant"
        r"|(?:irrelevant|immaterial)\b[^.;]{0,200}\bconsent|consent[^.;]{0,200}(?:does not preclude|(?:shall|is) not (?:be )?relevant)"
    ),
    # --- penalties, liability, enforcement ---------------------------------
    "penalty": _c(
        r"imprison\w*[^.;]{0,80}?"
        + _WORDNUM
        + r" ?(?:\(\d+\) )?(?:years?|months?)|imprisonment for life|life imprisonment|for (?:any term of years or )?life"
        r"|\b(?<!the.)felony\b(?!.of\b)|punish\w+ with death|death penalty|whipping|caning|(?:class|category) [a-e] (?:felony|crime)|mandatory minimum|minimum (?:punishment|sentence|term)|(?:effective|proportionate),? (?:proportionate )?and dissuasive"
        r"|\bfined? (?:not more than|up to|under)|(?:severe|appropriate|adequate|heavy|stringent) penalties|penalties [^.;]{0,60}(?:grave nature|really adequate)|\bliable to (?:a )?fine|\bwith (?:a )?fine\b|(?<!civil.)penalt(?:y|ies)|\bsanctions?\b|sentencing guidelines|sufficiently stringent"
    ),
    "aggravation": _c(
        r"aggravat\w+|(?:serious|grievous) (?:bodily )?(?:harm|injury)|death (?:of|results)|results? in (?:the )?death|kidnap\w*|\bminor\b|under the age of (?:14|fourteen|16|sixteen|18|eighteen)|enhanc\w+ (?:penalt|sentence)"
    ),
    "attempt": _c(
        r"\battempts? to (?:violate|commit (?:an? |the |any )?(?:offen[cs]e|violation|crime|traffick))|\battempt(?:ing|ed)? (?:to commit )?(?:such|that|this|an?) (?:offen[cs]e|violation)|\bconspir\w+|\baid\w*,? (?:or )?abet\w*|\baids? or abets?|\baiding\b|\bcounsel\w* (?:or|another)|\baccomplice\w*|\borgani[sz]\w+ or direct\w+"
        r"|\bdirect\w* (?:other )?persons to commit|\battempts? to do so|\babet(?:s|ted|ting|ment|tors?)?\b|\binstigat\w+|\bparty to (?:the|an) offen[cs]e|\bparticipat\w+ as an accomplice|\bsolicits? another|\bcommands?, induces?|\bcomplicity\b|\bor attempt(?:ing|s|ed)? to (?!obstruct|prevent|restrict|interfere|kidnap|kill|commit aggravated)|\baccessor(?:y|ies)\b"
    ),
    "buyer": _c(
        r"\bpatroni[sz]\w*|\bpurchas\w+[^.;]{0,60}\bsex|\bsolicit\w*[^.;]{0,60}\b(?:sex|sexual)|obtains? for consideration|(?:pays?|offers? to pay|agrees? to pay|gives?) [^.;]{0,60}(?:for|in exchange for) [^.;]{0,40}(?:sex|sexual)"
        r"|\bbuyers?\b|use of (?:the )?services (?:of|which are the object)|\bsolicit\w* [^.;]{0,30}services of (?:a|the|another) (?:victim|trafficked|person)|sexual services of a person|communicates with anyone for the purpose of obtaining"
        r"|offers? money or (?:its equivalent|anything of value)|\bsolicits? (?:or requests )?prostitution|exchanges? (?:or agrees to exchange )?anything of value[^.;]{0,80}sex|in return for anything of value"
    ),
    "mistakeage": _c(
        r"(?:mistake|ignorance) (?:of|as to) (?:the )?(?:victim's |child's |person's )?age|reasonable opportunity to observe|(?:did not know|believed)[^.;]{0,60}(?:age|older)"
        r"|need not prove that the defendant knew[^.;]{0,80}age|not a defen[cs]e[^.;]{0,100}age"
    ),
    "facilitator": _c(
        r"benefits?,? financially|benefit\w*,? financially or by receiving anything of value|(?:receives?|derives?|obtains?) (?:a )?(?:financial or other )?material benefit|\bmaterial benefit"
        r"|anything of value from participation|\bbenefit\w* from participat\w+ in a venture|receives? any benefit|\badvertis\w+|facilitat\w+ (?:the )?(?:sex |human )?trafficking|knowingly (?:assists|supports|facilitates)|knowingly benefits?|profits? from"
        r"|(?:building|premises|place|property|structure|vehicle)[^.;]{0,120}\b(?:is being |being |is )?used (?:for|in) (?:the purposes? of )?(?:human |sex |labou?r )?trafficking"
        r"|promot\w+ (?:the )?(?:human |sex )?trafficking|(?:assist|facilitat)\w* (?:in )?the commission of (?:an? |the )?(?:offen[cs]e|trafficking)|\bfinanc\w+[^.;]{0,40}(?:trafficking|commission of)"
    ),
    "corporate": _c(
        r"legal persons?|individual or (?:a )?business|bod(?:y|ies) corporate|corporations?|\bcompan(?:y|ies)\b|business entit\w+|\bentit(?:y|ies)\b|\borgani[sz]ations?\b|partnerships?|associations?"
    ),
    "corpsanction": _c(
        r"\bliab\w+|\bguilty\b|\bunlawful\b|\bfine\w*|dissol\w+|debar\w+|revo\w+|licen[cs]\w*|sanction\w*|charter|articles of incorporation|forfeit\w+|suspen\w+"
    ),
    "official": _c(
        r"public (?:official|officer|servant|employee)s?|government (?:official|employee|officer)s?|law enforcement officers?|official capacity|abuse of (?:public )?office"
        r"|state officials?|under color of (?:law|office)|in (?:the course of|the performance of) (?:his|her|their) (?:official )?duties|public office|abuse of a public position"
    ),
    "forfeiture": _c(
        r"\bforfeit\w*|\bconfiscation\b|confiscat\w+ (?:of )?(?:the |any )?(?:proceeds|property|assets|instrumentalities)|instrumentalit\w+"
        r"|proceeds (?:of|from|derived from) [^.;]{0,40}(?:offen[cs]e|crime|traffick\w*|violation)"
    ),
    "investigative": _c(
        r"intercept\w*|wiretap\w*|electronic surveillance|undercover|controlled deliver\w+|special investigative|financial investigat\w+|2516\b"
        r"|(?:wire|oral|or electronic) communications?"
    ),
    "abroad": _c(
        r"extraterritorial\w*|outside (?:of )?(?:the )?(?:United States|Canada|territory|State|Kingdom|country|its territory|jurisdiction|borders)|committed abroad"
        r"|\babroad\b|nationals? of|citizens? of|permanent residents?|lawfully admitted for permanent residence|deemed to (?:have been )?commit\w* [^.;]{0,20}in"
        r"|\bpresent in the United States|on board a (?:ship|vessel|aircraft)|establish its jurisdiction"
        r"|\b(?:UK|British) nationals?\b|habitually resident|\boutside (?-i:[A-Z][a-z]+)\b"
    ),
    # An offence committed "regardless of where" its conduct takes place: reach beyond the territory.
    "anywhere": _c(
        r"(?:regardless|irrespective) of where|wherever (?:the )?[^.;]{0,30}(?:committed|takes? place|occurs)"
    ),
    "online": _c(
        r"interactive computer service|online (?:platforms?|services?|marketplace)|websites?|web sites?|\binternet\b|electronic service providers?|section 230|information content provider|\bonline\b|social media"
    ),
    # --- protection ------------------------------------------------------------
    "victim": _c(
        r"\bvictims?\b|\bsurvivors?\b|trafficked (?:persons?|individuals?|children)|\bperson who (?:has been|was|is) trafficked"
    ),
    "notpunish": _c(
        r"(?:shall|may) not (?:be )?(?:prosecuted|punished|penali[sz]ed|held (?:criminally )?(?:liable|responsible)|subject(?:ed)? to (?:prosecution|penalt\w+|punishment|arrest)|detained|charged|convicted|inappropriately incarcerated)"
        r"|affirmative defen[cs]e|\b(?:it is|is) a defen[cs]e|\b(?:is|are) not guilty of an? offen[cs]e|not to prosecute|not (?:be )?criminally liable|shall not be (?:held )?liable|possibility of not imposing penalties|not to impose penalties|immun\w+ from (?:prosecution|criminal)"
        r"|\bno (?:person|minor|child|victim)[^.;]{0,60}shall be (?:prosecuted|charged|punished)|\bnot (?:be )?treated as (?:a )?(?:criminal|offender)"
        r"|does not apply to (?:the )?(?:conduct of )?(?:a |any )?(?:person|individual) who is (?:or has been )?a victim"
    ),
    "compelled": _c(
        r"\bcompell\w+|as a (?:direct )?(?:result|consequence) of|direct (?:result|consequence)|\bcoerced\b|caused by|under duress|while (?:a )?victims?|because (?:he|she|they|the person) (?:was|were|had been) (?:a )?(?:victim|trafficked)"
    ),
    "vacatur": _c(
        r"\bvacat\w+|\bexpung\w+|set aside (?:the |a |any )?(?:conviction|judgment|adjudication)|\bseal\w* (?:of )?(?:the |any |all )?(?:records?|arrests?|convictions?)|record suspension|motion to vacate"
    ),
    "services": _c(
        r"\bshelter\w*|\bhousing\b|\bmedical\b|psycholog\w+|mental health|\bcounsel\w+|legal (?:assistance|aid|services|advice)|material assistance|case management"
        r"|social services|benefits and services|\bassistance\b|rehabilitat\w+|\brecovery\b|physical,? psychological and social recovery|interpret\w+|\bservices?\b|\bcare\b|\bhealth\b"
        r"|\baccommodation\b|psycho-?social|subsistence|translation"
    ),
    "identification": _c(
        r"identif\w+ (?:of )?(?:(?:potential|possible|presumed|actual) )?(?:victims?|trafficked|children)|identif\w+ (?:and|or) (?:referr?\w+|assist)\w*|referral mechanism|\breferr\w+ (?:of )?(?:victims?|them|the (?:child|person|victim))"
        r"|screen\w+|certif\w+ (?:of |for )?(?:(?:a|the) )?(?:victims?|eligib\w+)|procedures? (?:to|for) identify|\bindicators\b|\brefer\w* to (?:\w+ ){0,2}(?:services|service providers?)"
    ),
    "immigration": _c(
        r"\bvisas?\b|T nonimmigrant|nonimmigrant|residence permits?|residen(?:ce|t) (?:status|permits?)|remain in (?:the|its) territory|reflection period|recovery and reflection|continued presence"
        r"|\bdeport\w*|\bremov\w+ proceedings|temporary resident\w*|immigration (?:status|relief|benefits?)|permanent residence|adjustment of status|101\(a\)\(15\)\(T\)|work permit"
        r"|leave to remain|(?:permitted|allowed|permit\w*) (?:\w+ ){0,3}to (?:remain|stay|continue staying) in"
    ),
    "restitution": _c(
        r"\brestitution\b|(?:order|award)\w* [^.;]{0,60}compensation to (?:the )?victims?|compensat\w+ (?:for|of) (?:the )?(?:victims?|damage)|full amount of the victim's losses"
        r"|value of the victim's (?:services|labou?r)|lost (?:income|earnings|wages)|reparation"
    ),
    # What makes a mention of restitution an order or a right, not a use of forfeited funds.
    "restorder": _c(
        r"\border\w*|\bshall (?:pay|make|award)|\bentitled\b|\bright to\b|\bobtain\w*|\bseek\w*|\baward\w*|direct\w* the defendant to pay"
    ),
    "civil": _c(
        r"civil action|cause of action|right of action|(?:may|can) (?:bring|sue|recover|institute|maintain) [^.;]{0,40}(?:action|damages|suit)|\bsue\b|(?:actual|compensatory|punitive|treble) damages|\bdamages\b|attorney'?s? fees|civil (?:suit|claim|proceedings|remedy|remedies)|\btort\b"
    ),
    "fund": _c(
        r"(?:victims?'?|crime victims?'?|compensation|assistance|trust|special|restricted|dedicated) (?:compensation )?fund\b|fund (?:for|to) (?:compensat\w+|assist\w*|victims?)|(?:victims?|witness\w*|trafficking)\b[^.;]{0,50}\bfund\b|compensation (?:program|scheme|board|commission)|victims?'? compensation|victims of crime (?:compensation|fund)"
    ),
    "privacy": _c(
        r"\bprivacy\b|identity of (?:the |a )?(?:victims?|child)|confidential\w*|closed (?:hearings?|court|proceedings)|in camera|\bvideo\w*|closed-circuit|testimony|\btestif\w+"
        r"|protection of (?:witnesses|victims and witnesses)|pseudonym\w*|publication ban|support person|\bnon-?disclosure|disclos\w+ (?:of )?(?:the )?(?:names?|identit\w+|address\w*)"
        r"|shield|excluding the public|past sexual (?:behavio\w+|conduct|history)|sexual history|reputation or opinion evidence|\bpublic from the court"
        r"|witness (?:protection|relocation|security)|protection of (?:victims|witnesses)|retaliation or intimidation|\bintimidation\b"
    ),
    "guardian": _c(
        # not the parent-or-guardian of general child law ("a parent, guardian or custodian")
        r"(?<!parent.or.)(?<!parents.or.)(?<!parent,.)(?<!parents,.)(?<!parent/)(?<!parent,.legal.)(?<!parent.or.legal.)(?<!parents.or.legal.)"
        r"\bguardian\w*(?!,? (?:or|and) (?:other )?(?:person|custodian|parent))|child advocates?|child trafficking advocates?|advocates? for (?:the )?child|legal representative|ad litem|\bchild's advocate"
    ),
    "return": _c(
        r"repatriat\w+|return of (?:(?:victims?|the victim|trafficked persons?|such persons?)|a victim)|safe return|voluntary return|reintegrat\w+ (?:in|into) (?:their|his or her|the) (?:country|communit\w+|famil\w+|society)|return (?:to|of) (?:their|his or her|the) (?:country|state|place) of origin"
    ),
    # --- prevention ----------------------------------------------------------
    "training": _c(r"\btrain\w*"),
    "trainees": _c(
        r"law enforcement|police|prosecutors?|judges?|judicial|labou?r inspectors?|health|social workers?|teachers?|personnel|officers?|employees|staff|persons who work with|immigration officials|first responders|educators|professionals|officials"
    ),
    "hotline": _c(
        r"hot ?lines?|help ?lines?|toll-free|telephone (?:number|line)|888-373-7888|233733|text line|resource center"
    ),
    "posting": _c(r"\bpost\w*|\bdisplay\w*|\bsigns?\b|\bsignage\b|\bposters?\b|\bnotices?\b"),
    "awareness": _c(
        r"awareness|public information|information campaigns?|education(?:al)? (?:programs?|campaigns?|materials?)|mass media|curricul\w+|\bschools?\b|inform the public|public education|\bcampaigns?\b|prevention education"
    ),
    "supplychain": _c(
        r"supply chains?|due diligence|slavery and human trafficking statement|modern slavery statement|retail sellers? and manufacturers?|disclos\w+ [^.;]{0,80}efforts to (?:eradicate|eliminate)"
    ),
    "procurement": _c(
        r"\bcontractors?\b|subcontract\w*|\bprocurement\b|government contracts?|public contracts?|\bcontracts?\b|\bsuppliers?\b|\bvendors?\b|compliance plan"
    ),
    "procsanction": _c(r"terminat\w+|debar\w+|\bsuspen\w+|certif\w+|compliance plan|\bbar(?:red)? from|\bineligible"),
    "importban": _c(
        r"(?:import\w*|entry|entered|admitted)[^.;]{0,100}(?:goods|merchandise|products?|articles)[^.;]{0,160}(?:forced|convict|indentured|slave|child) labou?r"
        r"|withhold release|import ban|prohibit\w* [^.;]{0,30}importation|importation [^.;]{0,30}prohibited|not be entitled to entry"
    ),
    "trade": _c(
        r"trade (?:preferences?|agreements?|benefits|negotiat\w+|objectives)|generalized system of preferences|beneficiary (?:developing )?countr\w+|eligibility (?:criteria|for designation)|\btariff\w*|market access|most-favou?red|preferential (?:trade|treatment)"
    ),
    "fees": _c(
        r"recruit\w* fees?|placement fees?|fees? [^.;]{0,40}(?:to|from|on) (?:a |the )?(?:workers?|employees?|applicants?|job ?seekers?)|\bcharg\w+ [^.;]{0,40}(?:workers?|employees?|applicants?)[^.;]{0,40}fees?"
    ),
    "recruiter": _c(
        r"labou?r recruit\w+|foreign labou?r contractors?|recruit\w+ (?:agenc\w+|agents?|firms?|entit\w+)|employment agenc\w+|labou?r contractors?|recruit\w+ [^.;]{0,30}(?:licen[cs]|regist)\w*"
    ),
    "licensing": _c(r"licen[cs]\w*|regist(?:er|ered|ration)\b|certif\w+|transparen\w+|disclos\w+"),
    "portability": _c(
        r"(?:change|transfer|switch|port\w*) (?:of |their |his or her )?employers?|(?:visa|employer) portability|open work permits?|new employer"
    ),
    "whistle": _c(r"whistle-? ?blow\w+|retaliat\w+|reprisal"),
    "tempworker": _c(
        r"temporary (?:foreign )?workers?|H-2A|H-2B|nonimmigrant (?:workers?|visas?)|migrant workers?|work (?:permits?|visas?)|guest workers?|foreign workers?"
    ),
    "inspection": _c(r"labou?r inspect\w+|\binspect(?:ion|ions|s|ed|ing)\b|wage and hour|workplaces?|worksites?"),
    "sectors": _c(r"domestic (?:work|workers|service)|agricultur\w+|all sectors|farm\w*|fishing|construction"),
    "youth": _c(
        r"foster care|child welfare|runaway|homeless (?:youth|children|minors)|in the care of|child protective|group homes?|(?:state|state's) custody|out-of-home|care and custody"
    ),
    # --- partnership --------------------------------------------------------
    "body": _c(
        r"task ?forces?|inter-?agency|\bcouncils?\b|\bcommissions?\b|\bcommittees?\b|coordinating (?:body|mechanism)|working groups?|\bboard\b|\bcoordinator\b|\bcoalitions?\b"
    ),
    "establish": _c(
        r"(?:is|are|shall be) (?:hereby )?(?:established|created|constituted)|there is (?:hereby )?(?:established|created)|shall (?:establish|create|convene)|shall (?:consist|be composed) of|members? (?:shall|of the)|\bchair\w*\b"
    ),
    "civilsociety": _c(
        r"non-?governmental|civil society|nonprofit|non-profit|service providers?|community-based|faith-based|advocates?|survivors?|lived experience|victim advocates?"
    ),
    "plan": _c(
        r"(?:national|state|strategic|comprehensive|territorial) (?:action )?plans?|action plans?|plan of action|\bstrategic plan\b|national strategy|(?:develop|adopt|prepare|submit|update|implement)\w* (?:a |an |the )?(?:\w+ ){0,4}plan\b"
        r"|(?:prepare|publish|adopt|develop)\w* (?:a |an |the )?(?:\w+ ){0,4}strategy\b|(?:trafficking|slavery|exploitation) (?:and \w+ )?strategy\b"
    ),
    "rapporteur": _c(
        r"rapporteur|\bcommissioner\b|ombuds\w+|independent (?:monitor|reviewer|body|mechanism|evaluat\w+)|equivalent mechanisms?|inspector general|\bmonitor\w*"
    ),
    "legislature": _c(
        r"report\w* [^.;]{0,120}(?:to|before) (?:the )?(?:legislature|parliament|Congress|General Assembly|Council|appropriate congressional committees|Committee on|House|Senate|Governor)"
        r"|lay\w* (?:it |the report )?before (?:Parliament|the Legislature)|\bpublic(?:ly)?\b"
    ),
    "survivor": _c(
        r"\bsurvivors?\b|lived experience|former victims?|persons? who (?:have|has) been (?:a )?(?:victims?|trafficked)"
    ),
    "advisory": _c(
        r"advisory (?:council|board|committee)|\bcouncil\b|\bmembers?\b|appoint\w*|\bconsult\w*|\bseats?\b|\brepresent\w*|serve on"
    ),
    "data": _c(
        r"(?<!personal\s)\bdata\b|statistic\w*|number of (?:victims|investigations|prosecutions|convictions|persons|cases|arrests|individuals)|database|information (?:on|about|regarding|concerning) [^.;]{0,40}(?:traffick|victims)"
        r"|collect\w*[^.;]{0,60}(?:information|data)|track\w* [^.;]{0,40}(?:cases|victims|prosecutions)"
    ),
    # What money is to be spent on: a fund "used for awareness" is funding, not an awareness programme.
    "spending": _c(
        r"\b(?:moneys?|monies|funds?|grants?|proceeds|appropriations?)\b[^.;]{0,80}\b(?:shall|may|must) (?:only )?be (?:used|expended|spent|awarded|distributed|allocated|applied)"
        r"|\b(?:used|expended|spent) (?:solely |only |exclusively )?(?:for|to)\b[^.;]{0,40}\b(?:grants?|programs?|purposes?)|\bgrants? (?:to|for)\b"
    ),
    "funding": _c(
        r"appropriat(?:ed|ion|ions)\b|authori[sz]ed to be appropriated|\bearmark\w*|(?:special|dedicated|restricted|revolving) (?:fund|account)\b"
        r"|\bfund is (?:hereby )?(?:established|created)|(?:established|created) [^.;]{0,60}\bfund\b|sums as may be necessary|\$ ?\d[\d,.]*(?:,000| million| billion)"
        r"|\bbudget (?:line|allocation)|dedicated funding"
    ),
    # A sum of money that is a fine (a fine "not exceeding $100,000" is not funding).
    # The word itself: an official "as an aggravating factor".
    "aggravating": _c(r"\baggravat\w+"),
    "fineamount": _c(r"\bfined?\b|\bfines\b|\bpenalt(?:y|ies)\b"),
    # A board that administers a fund is not a coordinating body.
    "fundadmin": _c(r"\bFund\b|\btrustees\b"),
    "crimeword": _c(
        r"jurisdiction|prosecut\w+|\boffen[cs]es?\b|\bcrimes?\b|\bviolations?\b|deemed to (?:have been )?commit\w*"
    ),
    "cooperation": _c(
        r"extradit\w+|mutual legal assistance|mutual assistance|(?:information|intelligence) exchange|exchang\w+ (?:of )?information|cooperate with (?:one another|each other)"
        r"|international cooperation|law enforcement authorities of (?:other )?(?:states|countries)"
    ),
    "localtf": _c(
        r"(?:local|regional|county|municipal|multi-?disciplinary|multi-?agency|community|joint)[^.;]{0,40}(?:task forces?|teams?|coalitions?|response teams?)|task forces?[^.;]{0,80}(?:local|regional|county|counties|jurisdictions)"
    ),
    "carrier": _c(r"\bcarriers?\b|transport compan\w+|commercial transport"),
    # --- deontic force ------------------------------------------------------
    "duty": _c(
        r"\bshall\b|\bmust\b|\bis required\b|\bare required\b|\bundertakes?\b|\bshall endeavou?r\b|\bis (?:hereby )?(?:established|created|authori[sz]ed|directed)\b|\bmay (?:award|make|provide|establish|grant|issue)\b|\bare eligible\b|\bis eligible\b|\bentitled\b"
    ),
    "document": _c(
        r"passports?|identity documents?|identification documents?|immigration documents?|travel documents?|government identification|identity (?:papers|cards?)|other (?:actual or purported )?government identification"
    ),
    "docact": _c(r"destroy\w*|conceal\w*|remov\w+|confiscat\w+|possess\w*|withh[oe]ld\w*|retain\w*|tak\w+ away"),
    "debt": _c(r"debt bondage|\bpeonage\b|\bbondage\b|bonded labou?r|pledg\w+ [^.;]{0,40}(?:personal )?services|debt"),
    "crossref": _c(
        r"(?:offen[cs]es?|violations?|crimes?|conduct|acts?) (?:under|of|against|described in|referred to in|set forth in|punishable under|established in accordance with|prohibited by|proscribed by|defined in)"
        r" (?:this )?(?:sections?|§+|articles?|subsections?|paragraphs?|chapters?|title|the Criminal Code|any of sections|any of the following sections)"
        r"(?: ?[\w.\-–]+(?:\([\w.]+\))*)?(?:(?:,|,? or|,? and|,? through|,? to)? (?:sections? |§+ ?)?\d[\w.\-–]*(?:\([\w.]+\))*)*(?: of (?:this|the) [\w ]{1,60}?(?=[,;.)]|\s))?(?: ?\([^()]{0,160}\))?"
    ),
}


def concept(name: str) -> re.Pattern[str]:
    return CONCEPTS[name]


# Every phrase of "ht" holds one of these words; looking for them first spares
# the full pattern a scan of the many documents that hold none.
_HT_WORDS = ("traffick", "slavery", "sale")


def mentions_ht(text: str) -> bool:
    """Whether ``text`` speaks of trafficking in persons anywhere (the "ht" concept)."""
    lowered = text.lower()
    if not any(word in lowered for word in _HT_WORDS):
        return False
    return CONCEPTS["ht"].search(text) is not None


def about_trafficking(title: str) -> bool:
    """Whether a title (of an instrument, or a section heading) is about trafficking in persons or slavery."""
    return bool(title) and (mentions_ht(title) or CONCEPTS["slavery"].search(title) is not None)
