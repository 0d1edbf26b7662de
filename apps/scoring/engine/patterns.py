"""Signal patterns as data: family -> [(code, regex)], English and Korean side by side.

Patterns are compiled with re.IGNORECASE | re.ASCII (see text.FLAGS): \\b is a Latin-only
boundary, so "API를" matches r"\\bAPI\\b". Korean patterns match stems, never whole words,
because particles (은/는/이/가/을/를/로/에서) attach without a space.
"""

from __future__ import annotations

W = r"(?:[\w'’-]+\s+)"  # one English word and its trailing space
K = r"(?:[^\s.,!?;]+\s*)"  # one Korean token (within a clause) and its trailing space
MODEL = r"(?:models?|llms?|networks?)"
YEAR_OLD = r"(?:19\d\d|200\d|201\d|2020|2021)"

FAMILIES: dict[str, list[tuple[str, str]]] = {
    "own_model": [
        ("pretraining", r"\bpre-?train(?:s|ed|ing)?\b|\btrained\s+from\s+scratch\b"),
        ("own_model", rf"\b(?:its|our|their)\s+own\s+(?:[\w-]+\s+){{0,3}}?{MODEL}\b"),
        ("own_model", rf"\b(?:in-house|proprietary|home-grown)\s+(?:[\w-]+\s+){{0,2}}?{MODEL}\b"),
        ("own_model", rf"\b(?:trains?|trained|training|builds?|develops?|developed)\s+(?:and\s+\w+\s+)?"
                      rf"(?:an?\s+|its\s+|the\s+|first\s+)?(?:[\w-]+\s+){{0,3}}?{MODEL}\b(?!\s+(?:api|from))"),
        ("own_model", rf"\b{MODEL}\s+(?:\w+\s+){{0,2}}?trained\s+(?:on|with|from)\b"),
        ("fine_tuning", r"\bfine-?tun(?:es|ed|ing|e)\b|\bdomain-specific\s+(?:pre-?)?training\b"),
        ("pretraining", r"사전\s*학습"),
        ("own_model", rf"자체\s*(?:개발|학습|구축|훈련)|자체\s*{K}{{0,2}}?(?:언어\s*)?모델|직접\s*학습"
                      rf"|(?:모델|언어모델|LLM)(?:을|를)?\s*(?:직접\s*|처음부터\s*)?학습(?:시|했|한|하|해)"),
        ("fine_tuning", r"파인\s*튜닝|미세\s*조정|추가\s*학습"),
    ],
    "fm_api": [
        ("third_party_api", r"\b(?:open\s?ai|gpt-?\d(?:\.\d)?(?:-turbo)?|chat\s?gpt|gpt|claude|anthropic|cohere|gemini"
                            r"|palm|whisper|dall-?e|stable\s+diffusion|midjourney)(?:'s)?\s+(?:[\w-]+\s+){0,2}?apis?\b"),
        ("third_party_api", r"\b(?:third[- ]party|external|hosted|commercial|vendor|outside|provider'?s?)\s+"
                            r"(?:[\w-]+\s+){0,4}?(?:model|llm|ai|models)\s+apis?\b"),
        ("third_party_api", r"\b(?:an?|the|same|someone\s+else's)\s+(?:large\s+)?(?:language\s+)?(?:model|llm)\s+apis?\b"),
        ("third_party_api", r"\b(?:calls?|calling|wraps?|wrapping|relies\s+on|relying\s+on|depends\s+on|on\s+top\s+of|"
                            r"built\s+on|runs\s+on|powered\s+by|based\s+on|uses?|using|resells?)\s+(?:the\s+|an?\s+)?"
                            r"(?:open\s?ai|chat\s?gpt|gpt-?\d?(?:\.\d)?|claude|anthropic|cohere|whisper|dall-?e|midjourney)\b"),
        ("third_party_api", r"\b(?:resells?|reselling)\s+(?:\w+\s+){0,2}?(?:model\s+)?apis?\b"),
        ("third_party_model", r"\b(?:using|uses|use|built\s+on|based\s+on|runs\s+on|powered\s+by|on\s+top\s+of)\s+"
                              r"(?:an?\s+|the\s+)?(?:open[- ]source|open|third[- ]party|external|off-the-shelf|existing|"
                              r"partner'?s?|licensed)\s+(?:[\w-]+\s+){0,3}?models?\b(?:\s+apis?\b)?"),
        ("third_party_model", r"\bfine-?tun(?:es|ed|ing|e)\s+(?:an?\s+|the\s+)?(?:open[- ]source|open|third[- ]party|existing|"
                              r"off-the-shelf|public)\s+(?:[\w-]+\s+){0,3}?models?\b"),
        ("third_party_model", r"\bmodels?\s+(?:from|licensed\s+from|provided\s+by)\s+(?:an?\s+|the\s+)?"
                              r"(?:partner|third[- ]party|external|outside|big\s+tech)\b"),
        ("third_party_model", r"\b(?:using|uses|built\s+on|based\s+on|on\s+top\s+of|powered\s+by)\s+(?:\w+\s+){0,2}?"
                              r"(?:llama|mistral|stable\s+diffusion|gpt-?\d|chatgpt)\b"),
        ("third_party_api", r"(?:ChatGPT|GPT-?\d?|OpenAI|오픈\s*AI|챗\s*GPT|클로드|Claude|Whisper|위스퍼|스테이블\s*디퓨전"
                            r"|Stable\s*Diffusion)\s*(?:\S+\s*)?API"),
        ("third_party_api", rf"(?:해외|외부|타사|상용|글로벌)\s*{K}{{0,2}}?API|(?:언어\s*모델|LLM|생성\s*모델|AI\s*모델)\s*API"),
        ("third_party_api", r"(?:ChatGPT|GPT-?\d?|OpenAI|오픈\s*AI|챗\s*GPT)(?:를|을|에)?\s*(?:기반|활용|이용|사용|호출|연동|의존)"),
        ("third_party_model", rf"(?:오픈\s*소스|공개|외부|타사|해외)\s*{K}{{0,2}}?모델(?:을|를)?\s*(?:기반|활용|이용|사용|가져다)"),
    ],
    "proprietary_data": [
        ("proprietary_data", r"\bproprietary\s+(?:[\w-]+\s+){0,2}?(?:data(?:sets?)?|corpus|corpora|records|datasets?)\b"),
        ("proprietary_data", r"\bexclusive\s+(?:[\w-]+\s+){0,2}?(?:licen[cs]es?|access|data|rights|partnerships?|contracts?|"
                             r"agreements?|feeds?)\b|\bnon-public\s+data\b|\bnot\s+on\s+the\s+(?:open\s+)?web\b"),
        ("proprietary_data", r"\b(?:cannot|can't|can\s+not|could\s+not)\s+be\s+(?:crawled|scraped|bought|copied|obtained)\b"
                             r"|\bnot\s+(?:publicly\s+)?available\s+(?:elsewhere|publicly|online)\b"),
        ("partner_data", r"\b(?:data|records|documents|scans|images|ledgers|files|transcripts|slides|samples|recordings|"
                         r"logs|x-rays|readings|notes|photos|videos|datasets)\s+(?:\w+\s+){0,2}?"
                         r"(?:provided|shared|licensed|supplied|contributed|donated)\s+by\b"),
        ("partner_data", r"\bopted\s+in\s+to\s+share\b|\b(?:partners?|hospitals?|banks?|insurers?|clients?|customers?|"
                         r"firms?)\s+(?:\w+\s+){0,2}?(?:share|provide|license|supply)\s+their\s+(?:\w+\s+)?(?:data|records)\b"),
        ("partner_data", r"\b(?:clients?|customers?|members?|patients?)['’]\s*(?:anonymi[sz]ed\s+)?(?:ledgers|records|"
                         r"transactions|claims|scans)\b"),
        ("own_sensors", r"\b(?:its|our)\s+own\s+(?:\w+\s+){0,2}?(?:sensors?|labs?|laborator(?:y|ies)|fleet|vehicles|robots|"
                        r"clinics?|satellites?|cameras|trials)\b|\b(?:in-house|proprietary)\s+(?:labs?|laboratory|sensors?|"
                        r"fleet)\b|\bsensor\s+(?:data|readings)\b"),
        ("regulated_data", r"\b(?:patient|clinical|medical|health|ehr|diagnostic|legal|court|case-law|financial|banking|"
                           r"transaction|claims|insurance|credit)\s+(?:[\w-]+\s+)?(?:data|records|notes|documents|"
                           r"histories|files|scans|filings|ledgers)\b|\banonymi[sz]ed\s+(?:\w+\s+)?(?:ledgers|records|"
                           r"data|transactions)\b"),
        ("proprietary_data", rf"(?:크롤링|수집|구|복제|구매|확보)\S*\s*수\s*없는|독점\s*{K}?(?:데이터|라이선스|계약|제휴|공급|권리|자료)"
                             rf"|(?:고유|비공개|독자|전용)\s*{K}?(?:데이터|자료|말뭉치|코퍼스)|자체\s*(?:보유|수집)?\S*\s*데이터"),
        ("partner_data", rf"(?:은행|병원|보험사|카드사|증권사|법무법인|로펌|파트너사?|제휴사|고객사|기관|협력사)\S*\s*{K}{{0,2}}?"
                         rf"(?:제공|공유|제휴)\S*\s*{K}{{0,2}}?(?:데이터|서류|문서|기록|자료|영상|이미지)"),
        ("own_sensors", rf"(?:자체|자사|직접\s*설치한)\s*{K}?(?:센서|연구소|실험실|차량|로봇|장비|농장)|센서"),
        ("regulated_data", rf"(?:의료|진료|환자|임상|금융|법률|판례|보험|소송|세무|회계)\s*{K}?(?:데이터|기록|문서|서류|장부|영상|자료)"),
    ],
    "public_data": [
        ("public_data", r"\b(?:public(?:ly\s+available)?|crawled|scraped|open\s+web|common\s+crawl)\s+(?:\w+\s+)?"
                        r"(?:data(?:sets?)?|text|corpus|web\s+data|sources)\b|\b(?:crawls?|scrapes?|scraping|crawling)\s+"
                        r"(?:the\s+)?(?:public\s+)?(?:web|internet|sites)\b"),
        ("public_data", rf"(?:공개|공공)\s*{K}?(?:데이터|자료|말뭉치)|크롤링(?:한|해|된|으로)"),
    ],
    "flywheel": [
        ("data_flywheel", r"\bflywheel\b|\bimproves?\s+(?:\w+\s+){0,3}?(?:from|with|through|on)\s+(?:[\w-]+\s+){0,3}?"
                          r"(?:usage|use|feedback|signals?|interactions?|corrections?|every)\b"),
        ("data_flywheel", r"\b(?:every|each)\s+(?:\w+\s+){0,2}?(?:interaction|use|correction|query|session|ride|order|"
                          r"claim|case|edit)\s+(?:\w+\s+){0,3}?(?:improves|trains|teaches|feeds|makes)\b"),
        ("data_flywheel", r"\b(?:learns?|retrains?|retrained)\s+(?:\w+\s+){0,3}?from\s+(?:\w+\s+){0,2}?(?:users?|usage|"
                          r"customers?|feedback|corrections?|interactions?|outcomes?|every|each)\b|\bthe\s+more\s+(?:\w+\s+){0,3}?"
                          r"(?:use|used|users)\b[^.;]{0,40}?\b(?:better|smarter|more\s+accurate)\b"),
        ("data_flywheel", r"\b(?:usage|user|feedback)\s+data\s+(?:\w+\s+){0,3}?(?:improves|trains|retrains|feeds)\b"),
        ("data_flywheel", rf"(?:쓸|사용할|이용할)수록\s*{K}{{0,3}}?(?:좋아|정확|개선|똑똑|나아)|플라이휠|데이터\s*선순환"
                          rf"|(?:사용|이용|사용자|고객)\s*{K}?(?:데이터|피드백|기록|로그)(?:로|를|가|으로)?\s*{K}{{0,2}}?"
                          rf"(?:개선|재학습|학습|고도화)"),
    ],
    "per_user_finetune": [
        ("per_user_finetune", r"\bfine-?tun(?:ed|es|e|ing)\s+(?:[\w-]+\s+){0,4}?(?:per|for\s+each|on\s+each)\s+(?:order|user|customer|"
                              r"upload|request|person|pack)\b|\bper-(?:user|order|customer)\s+fine-?tun\w*|\b(?:a\s+)?"
                              r"(?:dozen|handful\s+of|few|\d{1,2}|ten|twenty)\s+(?:selfies|photos|images|pictures|uploads)\b"),
        ("per_user_finetune", rf"(?:주문|사용자|고객|요청)(?:마다|별)\s*{K}?(?:파인\s*튜닝|미세\s*조정|학습)"
                              rf"|(?:셀카|사진)\s*{K}?(?:\d+|열|몇|십여)\s*장"),
    ],
    "paying_customers": [
        ("paying_customers", r"\bpaying\s+(?:\w+\s+)?(?:customers?|clients?|users?|subscribers?|firms|businesses|"
                             r"enterprises|teams)\b|\bpaid\s+(?:add-on|plan|tier|per|by|pilots?)\b|\bfees?\s+per\b"
                             r"|\bcharges?\s+\w+"),
        ("b2b_contracts", r"\b(?:signed|closed|won)\s+(?:\w+\s+){0,3}?(?:contracts?|deals?|customers|pilots)\b|\b(?:annual|"
                          r"multi-year|enterprise|b2b)\s+(?:\w+\s+)?(?:contracts?|licen[cs]es?|deals?)\b|\b(?:sold|sells?|"
                          r"selling|supplies|licenses)\s+(?:[\w-]+\s+){0,3}?(?:to|as)\s+(?:\w+\s+){0,2}?(?:banks|hospitals|"
                          r"enterprises|insurers|firms|businesses|companies|retailers|operators|chipmakers|carriers)\b"),
        ("retention", r"\b(?:net\s+)?(?:revenue\s+|dollar\s+)?retention\b|\brenewal\s+rates?\b|\b(?:arr|mrr)\b|\brevenue\b"),
        ("subscription", r"\bsubscriptions?\b"),
        ("paying_customers", rf"유료\s*{K}?(?:고객|사용자|구독|전환|플랜)|고객사\s*\S*\s*\d+|\d+\s*(?:곳|개)\s*(?:의\s*)?"
                             rf"(?:고객|기업|고객사)|요금|수수료|(?:판매|공급)(?:한다|하고|하며|해|중|했)"),
        ("b2b_contracts", rf"(?:B2B|기업|기관)\s*{K}?(?:계약|매출|고객)|납품"),
        ("retention", r"매출|재계약|리텐션|유지율|구독"),
    ],
    "user_base": [
        ("user_base", r"\b(?:tens\s+of\s+|hundreds\s+of\s+)?(?:millions|thousands)\s+of\s+(?:\w+\s+)?(?:users|developers|"
                      r"customers|businesses|companies|firms|members|subscribers|households|doctors|lawyers|teams)\b"
                      r"|\b\d[\d,.]*\s*(?:k|m|million|thousand)?\+?\s+(?:\w+\s+)?(?:users|developers|customers|businesses|"
                      r"firms|companies|hospitals|clinics|members|subscribers|households|teams)\b"),
        ("user_base", r"(?:수|십|백|천)?\s*(?:만|천|백)\s*명|\d[\d,]*\s*(?:만|천)?\s*명|(?:사용자|이용자|가입자)\S*\s*\d"),
    ],
    "workflow": [
        ("vertical_workflow", r"\b(?:inside|within|into|embedded\s+in|integrated\s+(?:into|with))\s+(?:the\s+|a\s+|their\s+|"
                              r"its\s+|each\s+)?(?:[\w'’-]+\s+){0,3}?(?:workflows?|editors?|ehr|erp|crm|ide|system\s+of\s+"
                              r"record)\b|\bworkflow\s+(?:lock-in|integration)\b|\b(?:daily|day-to-day)\s+(?:\w+\s+)?workflows?\b"),
        ("vertical_workflow", rf"(?:업무|워크\s*플로우?|작업)\s*{K}?(?:흐름|통합|연동|안|속|내)|(?:ERP|EMR|EHR|CRM)\S*\s*{K}?(?:연동|통합)"),
    ],
}
