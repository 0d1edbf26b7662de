"""Signal patterns for ways of use and market shape (second generation, hardware, tooling,
incumbents, thin wrappers), English and Korean. Data only; see patterns.py for conventions."""

from __future__ import annotations

from .patterns import K, YEAR_OLD

ACTION_VERBS_KO = r"(?:예약|주문|결제|구매|신청|처리|실행|조작|작성|접수|납부|발주|송금|구독\s*해지|해지)"

FAMILIES_USE: dict[str, list[tuple[str, str]]] = {
    "agent_action": [
        ("acts_for_user", r"\bon\s+(?:[\w'’]+\s+){0,2}?behalf\b|\bacts?\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?(?:users?|you|"
                          r"customers?|people|households?)\b|\bon\s+autopilot\b|\bby\s+itself\b|\bon\s+its\s+own\b"
                          r"|\bacross\s+(?:a\s+dozen\s+|multiple\s+|several\s+|many\s+|\d+\s+|different\s+)?(?:web\s+)?"
                          r"(?:websites|services|apps|tools|sites|platforms)\b"),
        ("acts_for_user", r"\b(?:books?|booked|reserves?|reserving)\s+(?:and\s+\w+\s+)?(?:\w+\s+){0,2}?(?:flights?|hotels?|"
                          r"tables?|appointments?|rides?|trips?|travel|tickets?|reservations?|restaurants?|meetings?|slots?|"
                          r"visits?|deliver(?:y|ies)|repairs?|pickups?)\b|\bbooks?,\s*(?:\w+\s+){0,2}?(?:and\s+)?(?:pays?|cancels?|changes?)\b"),
        ("acts_for_user", r"\b(?:places?|placing|submits?|submitting)\s+(?:the\s+|an?\s+|their\s+|your\s+)?(?:re)?orders?\b"
                          r"|\b(?:re-?orders?|orders?|buys?|purchases?)\s+(?:\w+\s+){0,2}?(?:groceries|supplies|staples|"
                          r"refills|for\s+(?:you|the\s+user|them|households?))\b|\b(?:re-?stocks?|replenish(?:es)?|refills?\s+"
                          r"(?:itself|themselves|automatically))\b|\b(?:orders?|buys?|purchases?)\s+(?:[\w-]+\s+){0,3}?(?:from|"
                          r"at|via|through)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:stores?|shops?|grocers?|pharmac(?:y|ies)|"
                          r"suppliers?|vendors?|retailers?|merchants?)\b"),
        ("acts_for_user", r"\b(?:pays?|paying)\s+(?:the\s+|your\s+|their\s+)?(?:bills?|invoices?|rent|fines?)\b|\b(?:files?|"
                          r"filing|submits?)\s+(?:\w+\s+)?(?:claims?|returns?|applications?|paperwork)\s+(?:for|on)\b"),
        ("acts_for_user", r"\b(?:operates?|operating|drives?|navigates?|navigating|controls?|controlling)\s+(?:existing\s+|"
                          r"other\s+|third-party\s+|the\s+user'?s\s+|your\s+)?(?:\w+\s+)?(?:web\s+)?(?:applications|apps|"
                          r"software|websites|web\s+services|browsers?|equipment|devices|machines|irrigation|hvac|"
                          r"thermostats?|valves|pumps)\b|\buses?\s+(?:\w+\s+)?(?:apps|software|websites|tools)\s+(?:for\s+"
                          r"you|on\s+behalf|like\s+a\s+person)\b"),
        ("acts_for_user", r"\b(?:fills?|filling)\s+(?:in\s+|out\s+)?(?:\w+\s+)?forms?\b|\bclicking,?\s+typing\b|\b(?:completes?|"
                          r"finish(?:es)?|carries\s+out|executes?|executing|performs?)\s+(?:[\w-]+\s+){0,2}?(?:tasks?|"
                          r"errands|trades|transactions)\b|\btakes?\s+actions?\b|\b(?<!-)action\s+models?\b"),
        ("acts_for_user", r"\bagents?\s+(?:that|which)\s+(?:\w+\s+){0,2}?(?:books?|buys?|orders?|pays?|operates?|uses?|files?|"
                          r"fills?|negotiates?|schedules?|completes?|acts?|executes?|handles?)\b|\bdecides?\s+(?:\w+\s+){0,3}?"
                          r"and\s+(?:\w+\s+)?(?:executes?|acts?|adjusts?|controls?|applies?|orders?)\b|\bruns\s+itself\b"),
        ("acts_for_user", rf"대신\s*{K}{{0,2}}?{ACTION_VERBS_KO}|{ACTION_VERBS_KO}(?:까지|을\s*대신|를\s*대신|해\s*준다|해\s*주는)"
                          rf"|알아서|스스로\s*{K}?(?:결정|운영|제어|실행|처리|주문|판단|조절|관리)"),
        ("acts_for_user", rf"자동으로\s*{K}?(?:주문|예약|결제|구매|신청|제어|실행|조작|처리|발주)|(?:직접|원격으로|자동)\s*제어"
                          rf"|(?:앱|웹|웹사이트|소프트웨어|서비스|프로그램|장비|기기)(?:들)?(?:을|를)\s*(?:직접\s*)?"
                          rf"(?:조작|제어|넘나들며|오가며)|에이전트가\s*{K}{{0,2}}?{ACTION_VERBS_KO}"),
    ],
    "agent_mention": [
        ("ai_agent", r"\b(?:ai|autonomous|software|digital|llm|browser|web|personal)\s+agents?\b|\bagentic\b"
                     r"|\bautonomous(?:ly)?\b(?!\s+driving)|(?:AI|인공지능|자율)\s*에이전트|자율\s*운영"),
    ],
    "human_agent": [
        ("human_agent", r"\b(?:human|sales|travel|insurance|real[- ]estate|estate|support|call[- ]cent(?:er|re)|"
                        r"customer[- ](?:service|support)|leasing|ticket|talent|shipping|freight|literary|sports|mortgage|"
                        r"licensed|independent|field|booking)\s+agents?\b|\bagenc(?:y|ies)\b|\bbrokers?\b|\brealtors?\b"
                        r"|상담원|상담사|설계사|중개인|중개사|에이전시|대리점|판매원|콜센터|여행사"),
    ],
    "ambient": [
        ("ambient", r"\b(?:in[- ]car|in\s+the\s+car|in-vehicle|car\s+dashboards?|smart\s+(?:speakers?|tvs?|fridges?|"
                    r"refrigerators?|homes?|glasses|watch(?:es)?|displays?|appliances?)|on\s+(?:the\s+)?tvs?|living\s+rooms?|"
                    r"wearables?(?!\s+chip)|earbuds|smart\s?watch(?:es)?|ar\s+glasses|across\s+(?:all\s+)?(?:\w+\s+)?devices"
                    r"|wherever\s+(?:the\s+user|you|they)\s+(?:is|are)|ambient|always[- ]on|voice\s+assistants?|home\s+hub)\b"),
        ("ambient", r"차량|자동차\s*안|차\s*안|\bTV|스피커|웨어러블|스마트\s*홈|냉장고|가전|어디서나|어디에서든|거실|이어폰"
                    r"|스마트\s*워치|음성\s*비서|앰비언트|기기\s*(?:어디|전반|간|사이)"),
    ],
    "anticipation": [
        ("anticipation", r"\bbefore\s+(?:you|users?|they|the\s+user|customers?|households?|patients?|drivers?|anyone|people|"
                         r"it)\s+(?:\w+\s+){0,2}?(?:ask|asks|run\s+out|runs\s+out|need|needs|notice|notices|think|request|"
                         r"type|realize|realise|break|breaks|fail|fails)\b|\b(?:ahead\s+of\s+time|proactive(?:ly)?|"
                         r"pre-?emptive(?:ly)?|anticipat(?:es|ed|ing|ory|ion)|pre-?positions?)\b|\bpredicts?\s+(?:when|"
                         r"what|which|the\s+next|needs)\b|\bwithout\s+(?:being\s+asked|asking|a\s+prompt|prompting)\b"),
        ("anticipation", r"미리(?!\s*보기)|사전에|선제적|(?:묻기|요청하기|말하기|필요하기|떨어지기|바닥나기|부족해지기|"
                         r"고장\s*나기|요청\s*전|주문하기)\s*전에?|예측(?:해|하여|하고|한\s*뒤)|먼저\s*(?:제안|알려|주문|챙겨)"),
    ],
    "agent_platform": [
        ("built_for_agents", r"\b(?:built|designed|made)\s+for\s+(?:ai\s+)?(?:agents|assistants|llm\s+agents|bots)\b"
                             r"|\bbackend-only\b|\bback-end\s+only\b|\bheadless\b|\b(?:that|which)\s+(?:ai\s+)?(?:assistants|"
                             r"agents)\s+(?:can\s+)?(?:call|use|query)\b|\bapis?\s+for\s+(?:ai\s+)?(?:agents|assistants)\b"),
        ("built_for_agents", r"에이전트(?:용|를\s*위한|가\s*(?:호출|사용))|AI\s*(?:비서|어시스턴트)(?:용|를\s*위한|가\s*(?:호출|사용))"
                             r"|백엔드\s*(?:전용|만)"),
    ],
    "new_business_model": [
        ("outcome_pricing", r"\b(?:paid|pays?|charges?|priced|fees?|billed|earns?)\s+(?:[\w-]+\s+){0,3}?per\s+(?:booking|anticipated|"
                            r"order|outcome|resolution|task|transaction|successful|completed|harvest)\b|\b(?:outcome|yield|"
                            r"results?|success|performance)[- ]based\s+(?:pricing|fees?|billing)\b|\b(?:linked|tied|pegged)\s+"
                            r"to\s+(?:the\s+)?(?:yield|harvest|outcomes?|results?|savings)\b"),
        ("outcome_pricing", rf"(?:수확량|성과|결과|절감액|거래|예약\s*건|주문\s*건)\S*\s*{K}?(?:연동|비례|기반\s*요금|수수료)"
                            rf"|건당\s*(?:수수료|과금|요금)|성과\s*(?:기반|보수|연동)"),
    ],
    "chat_only": [
        ("chat_only", r"\b(?:answers?|answering)\s+(?:\w+\s+){0,2}?questions\b|\bchat(?:bot)?s?\b|\bq&a\b"
                      r"|챗봇|질문에\s*답|대화형"),
    ],
    "hardware": [
        ("chips", r"\b(?:ai\s+|inference\s+|training\s+|edge\s+)?(?:chips?|chipsets?|semiconductors?|asics?|fpgas?|npus?|"
                  r"tpus?)\b|\b(?:ai|inference|ml|neural|deep[- ]learning|hardware)\s+accelerators?\b|\bchipmakers?\b"
                  r"|\binference\s+hardware\b"),
        ("chip_design", r"\b(?:designs?|designing|fabricates?|tapes?\s+out|manufactures?)\s+(?:[\w-]+\s+){0,3}?(?:chips?|"
                        r"accelerators?|npus?|processors?|semiconductors?|cores|asics?|silicon)\b|\bip\s+cores?\b|\blicen[cs]es?"
                        r"\s+(?:\w+\s+){0,2}?as\s+ip\b|\bsilicon\s+ip\b|\bfabless\b|\bneural[- ]processing\s+(?:units?|cores?)\b"),
        # Design before bare nouns: at the same position the longer, stronger claim must win.
        ("chip_design", rf"(?:NPU|칩|반도체|가속기|프로세서|코어)\S*\s*{K}?설계|설계\S*\s*IP|IP\s*(?:코어|라이선스)"),
        ("chips", r"반도체|칩|\bNPU|가속기|팹리스"),
    ],
    "tooling": [
        ("mlops", r"\b(?:ml|llm|ai|model)-?ops\b|\bvector\s+(?:database|db|store|search)s?\b|\b(?:model|llm|ai)\s+(?:gateway|"
                  r"router|hub|registry|marketplace)s?\b"),
        ("dev_platform", r"\b(?:evaluation|eval|evals|observability|monitoring|guardrails?|prompt\s+management|experiment\s+"
                         r"tracking|labell?ing|annotation|orchestration|serving|inference|deployment|fine-?tuning|training)"
                         r"\s+(?:\w+\s+)?(?:platform|tools?|tooling|infrastructure|stack|service|endpoints?|framework|"
                         r"library|libraries)\b"),
        ("dev_platform", r"\b(?:sdks?|apis?|libraries|tooling|platform|infrastructure)\s+for\s+(?:\w+\s+)?(?:developers|"
                         r"builders|engineers|ml\s+teams|data\s+scientists)\b|\bopen-source\s+(?:\w+\s+)?(?:libraries|library|"
                         r"frameworks?|tooling)\b|\bhosts?\s+(?:\w+\s+)?models\b|\bdeveloper\s+(?:platform|tools|community)\b"
                         r"|\bplatform\s+and\s+tooling\b"),
        ("model_agnostic", r"\bmodel-agnostic\b|\bvendor-neutral\b|\bon\s+any\s+(?:model|cloud|llm)\b|\bany\s+(?:model|llm)\b"),
        # Infrastructure that delivers other people's models: inference networks, CDNs and gateways for models.
        ("mlops", r"\b(?:inference|model)\s+(?:delivery|serving|hosting|routing)\s+(?:network|layer|cloud|platform|service)s?\b"
                  r"|\bcdns?\s+for\s+(?:ai\s+)?(?:inference|models|llms)\b|\bgateway\s+apis?\b"
                  r"|\b(?:hosts?|serves?|hosting|serving)\s+(?:open-source|open|open-weight|third-party|popular|any|"
                  r"customers['’]?|hundreds\s+of|thousands\s+of)\s+(?:[\w-]+\s+)?models\b"),
        # Tools whose customers are the ones building with models: "SDK ... for LLM apps", "teams building on models".
        ("dev_platform", r"\bsdks?\b|\b(?:evaluation|testing|regression\s+testing|monitoring|observability|labell?ing|"
                         r"fine-?tuning|tooling|guardrails)\s+(?:and\s+[\w-]+\s+(?:[\w-]+\s+)?)?for\s+(?:llm|ai|ml|genai|"
                         r"language[- ]model|model)(?:-based|-powered)?\s+(?:apps?|applications|products|features|teams|"
                         r"agents|pipelines)\b"),
        ("enable_builders", r"\b(?:teams|developers|companies|engineers|builders|startups|enterprises|customers)\s+(?:who\s+are\s+|"
                            r"that\s+are\s+)?(?:building|build|shipping|ship|developing)\s+(?:on|with|on\s+top\s+of)\s+(?:[\w-]+\s+)"
                            r"{0,2}?(?:models?|llms?|ai)\b|\b(?:platform|tool|service|workspace)s?\s+(?:where|in\s+which|through\s+"
                            r"which)\s+(?:\w+\s+){0,2}?(?:companies|teams|customers|developers|enterprises|businesses)\s+(?:can\s+)?"
                            r"(?:pre-?train|train|fine-?tune|deploy|evaluate|serve|label)\b"),
        ("enable_builders", r"\b(?:lets?|letting|helps?|helping|enables?|enabling|allows?|allowing)\s+(?:\w+\s+){0,3}?"
                            r"(?:to\s+)?(?:pre-?train|train|fine-?tune|build\s+(?:\w+\s+)?(?:models|apps|agents)|deploy|"
                            r"evaluate|monitor|serve)\b"),
        ("mlops", r"(?:ML|LLM|AI)\s*Ops|벡터\s*(?:DB|데이터베이스|검색)|(?:모델|LLM)\s*게이트웨이"),
        ("dev_platform", rf"(?:배포|모니터링|평가|라벨링|학습|파인\s*튜닝|추론|서빙|관측)\S*\s*{K}?(?:플랫폼|도구|툴|인프라|솔루션)"
                         rf"|배포\S*\s*{K}?모니터링|개발자(?:용|를\s*위한)"),
        ("model_agnostic", r"(?:특정\s*)?모델에\s*(?:묶이지|종속되지)\s*않|모델\s*(?:중립|무관)"),
        ("mlops", r"(?:추론|모델)\s*(?:전송망|배포망|서빙\s*(?:네트워크|플랫폼|인프라|서비스)|CDN)|게이트웨이\s*API"
                  r"|(?:오픈\s*소스|공개|오픈)\s*모델\S*\s*(?:호스팅|서빙)"),
        ("dev_platform", r"(?:LLM|AI|언어\s*모델|생성형\s*AI)\s*(?:앱|서비스|애플리케이션|제품)\S*\s*(?:평가|테스트|모니터링|검증)"),
        ("enable_builders", rf"(?:LLM|AI|언어\s*모델|모델)\S*\s*{K}?(?:만드는|개발하는|구축하는|서비스하는)\s*(?:팀|개발자|기업|회사)"),
        ("enable_builders", rf"(?:기업|고객|개발자)\S*\s*{K}{{0,3}}?(?:학습|파인\s*튜닝|배포|구축)\S*\s*수\s*있(?:도록|게)"),
    ],
    "incumbent": [
        ("existing_product", r"\b(?:an?|its|their)\s+(?:existing|established|incumbent|legacy)\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:products?|apps?|platforms?|software|saas|tools?|services?|workspaces?|helpdesks?|suites?|"
                             r"business|customer\s+base|user\s+base)\b|\b(?:established|existing)\s+(?:customers|users|"
                             r"customer\s+base|user\s+base|helpdesk)\b"),
        ("founded_earlier", rf"\b(?:founded|launched|started|established|operating|serving|used|around)\s+(?:[\w,]+\s+){{0,6}}?"
                            rf"(?:in|since)\s+{YEAR_OLD}\b|\bsince\s+{YEAR_OLD}\b|\b(?:launched|founded|built|started)\s+"
                            rf"years\s+before\b|\bdecade-old\b|\bfor\s+(?:over\s+|more\s+than\s+)?(?:\d+|five|six|seven|"
                            rf"eight|nine|ten|a\s+decade|two\s+decades)\s+years\b"),
        ("added_ai", r"\b(?:added|adds|adding|now\s+with|now\s+includes?|rolled\s+out|bolted\s+on|introduced)\s+(?:[\w-]+\s+)"
                     r"{0,3}?(?:ai|generative|gpt|llm|assistant|copilot|generated)\b|\bai\s+(?:features?|add-ons?)\b"
                     r"|\bpaid\s+add-on\b"),
        ("existing_product", rf"기존\s*{K}?(?:서비스|제품|소프트웨어|플랫폼|솔루션|고객|사용자|SaaS|앱|툴|업무\s*도구)"),
        ("founded_earlier", rf"{YEAR_OLD}\s*년\s*(?:부터|설립|창업|출시|이래|에\s*(?:설립|창업|출시))|\d+\s*년\s*(?:째|간|동안|넘게)"
                            rf"\s*{K}?(?:운영|서비스|판매)|생성\s*AI\s*(?:이전|전부터)"),
        ("added_ai", rf"AI\s*기능(?:을|를)?\s*{K}?(?:추가|더|탑재|도입)|(?:에|에다)\s*AI(?:를)?\s*{K}?(?:더|추가|붙|결합)"),
    ],
    "model_product": [
        ("sells_model", r"\b(?:sells?|selling|offers?|provides?|licen[cs]es?|licensing)\s+(?:[\w-]+\s+){0,3}?(?:api\s+access|"
                        r"access)\s+(?:to\s+)?(?:(?:it|the)s?\s+)?(?:[\w-]+\s+){0,2}?models?\b|\b(?:sells?|offers?|serves?|"
                        r"licen[cs]es?)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?models?\s+(?:itself\s+)?(?:through|"
                        r"via|by|as|over|to)\b|\bmodels?\s+(?:itself\s+)?(?:is|are)\s+(?:the\s+)?product\b"),
        ("sells_model", r"\b(?:sells?|sold|selling)\s+(?:api\s+access|custom\s+model\s+training|enterprise\s+licen[cs]es|"
                        r"on-prem(?:ises)?\s+licen[cs]es)\b"),
        ("open_release", r"\b(?:releases?|released|releasing|open-sourc(?:es|ed|ing)|publish(?:es|ed)?)\s+(?:[\w-]+\s+){0,4}?"
                         r"(?:models?|weights|llms?)\b"),
        ("sells_model", rf"(?:모델|언어모델|LLM)\S*\s*{K}{{0,2}}?(?:API|라이선스|온프레미스)(?:로|와|과|및|나|·|,)\s*{K}{{0,4}}?(?:판매|제공|공급)"
                        rf"|API로\s*제공"),
        ("open_release", rf"(?:모델|언어모델)\S*\s*{K}?(?:공개|오픈\s*소스로)|(?:학습|개발)(?:해|하여|한\s*뒤)\s*공개"),
    ],
    "wrapper": [
        ("built_fast", r"\b(?:built|launched|shipped|made|created|released|went\s+live)\s+(?:\w+\s+){0,4}?(?:in|within|over)\s+"
                       r"(?:a\s+|one\s+|two\s+|three\s+|a\s+few\s+|\d+\s+)?(?:days?|weeks?|weekend|hackathon)\b|\blaunched\s+"
                       r"(?:\w+\s+){0,2}?(?:last|this)\s+(?:month|week)\b|\b(?:launched|live|released)\s+(?:\w+\s+)?(?:\d+|"
                       r"two|three|four|a\s+few)\s+(?:weeks?|days?)\s+ago\b|\bweekend\s+project\b|\bhackathon\b"),
        ("built_fast", rf"(?:출시|개발|런칭|론칭|만든\s*지|오픈)\s*{K}?\d+\s*(?:일|주)|(?:\d+|몇|수|두|세|한)\s*(?:일|주)\s*만에"
                       rf"|주말\s*(?:프로젝트|동안)|해커톤"),
        ("small_team", r"\b(?:solo|single|lone|one)\s+(?:founder|developer|engineer|maker)\b|\bone-person\b|\b(?:two|three|2|3)"
                       r"[- ]person\s+team\b|\bteam\s+of\s+(?:two|three|2|3)\b|\bindie\s+hacker\b"
                       r"|1인\s*(?:창업|개발|기업|스타트업)|혼자\s*(?:만든|개발|운영)|(?:2|3|두|세)\s*명(?:이|의)?\s*(?:팀|개발|만든)"),
        ("clones", r"\b(?:many|dozens\s+of|several|countless|numerous|lots\s+of)\s+(?:\w+\s+)?(?:clones|copycats|competitors|"
                   r"lookalikes|alternatives)\b|\bclones?\b|\bcopycats?\b|\bcompeting\s+(?:tools|apps|products|services)\s+"
                   r"(?:\w+\s+)?(?:launched|appeared|emerged|popped\s+up)\b|\b(?:easy|trivial|simple)\s+to\s+(?:copy|"
                   r"replicate|clone)\b|\bsame\s+model\s+api\b"
                   rf"|(?:유사|비슷한|복제|카피|아류)\s*{K}?(?:서비스|앱|제품)|클론|베껴|따라\s*만들"),
        ("templates", r"\btemplates?\b|\bprompt\s+(?:library|presets)\b|\bbrowser\s+extensions?\b|\bchrome\s+extensions?\b"
                      r"|템플릿|프롬프트\s*(?:모음|묶음)|확장\s*프로그램"),
        ("thin_layer", r"\bthin\s+(?:ui|interface|layer|wrapper)\b|\bwrappers?\b|\bsits?\s+on\s+top\b|\bux\s+layer\b"
                       r"|API(?:를|들을)?\s*(?:묶어|감싸|조합)|얇은\s*(?:UI|레이어|래퍼)|래퍼"),
        ("viral_churn", r"\b(?:topped|top\s+of)\s+(?:the\s+)?(?:app[- ]store|charts?|product\s+hunt)\w*\b|\bwent\s+viral\b"
                        r"|\b(?:usage|downloads|users|traffic|engagement)\s+(?:\w+\s+)?(?:fell|dropped|declined|collapsed|"
                        r"faded)\b|\b(?:churn|churned|churning)\b(?!\s+(?:below|under|of\s+less))|\bfor\s+a\s+few\s+weeks\b"
                        rf"|바이럴|입소문|(?:이용자|사용자|이용량|사용량|다운로드)\S*\s*{K}?(?:급감|빠르게\s*줄|이탈|떨어)|이탈률|반짝"),
        ("consumer_horizontal", r"\bconsumer\s+(?:\w+\s+)?(?:apps?|tool|product|chatbot|mobile)\b|\bphoto\s+editor\b"
                                r"|(?:일반\s*)?(?:소비자|개인\s*사용자)(?:용|\s*대상)|\bB2C\b"),
        ("free_no_revenue", r"\bfree\s+(?:to\s+use|of\s+charge|tier\s+only|for\s+now|app)\b|\b(?:is|runs|offered|available)\s+"
                            r"(?:for\s+)?free\b|\bno\s+revenue\b|\bpre-revenue\b"
                            r"|무료로|무료\s*(?:운영|제공|서비스|배포)|(?:수익\s*모델|매출)(?:은|이)?\s*(?:아직\s*)?없"),
        ("platform_feature", r"\b(?:google|gmail|microsoft|outlook|openai|apple|meta|amazon|chatgpt|adobe|canva|the\s+model\s+"
                             r"provider|the\s+platform|incumbents?)\s+(?:\w+\s+){0,2}?(?:already\s+)?(?:offers?|ships?|shipped|"
                             r"launched|provides?|has|added)\s+(?:a\s+)?(?:similar|the\s+same|built-in|native|its\s+own)\b"
                             r"|\b(?:could|can)\s+(?:easily\s+)?(?:ship|add|build)\s+(?:this|it)\s+as\s+a\s+feature\b"
                             rf"|(?:구글|네이버|카카오|마이크로소프트|오픈\s*AI|OpenAI|애플|빅테크|대기업)\S*\s*{K}{{0,2}}?"
                             rf"(?:이미|비슷한|유사한|같은)\s*{K}?(?:기능|서비스|버튼)"),
    ],
    "frontier": [
        ("frontier_area", r"\b(?:robotics?|robot\s+(?:foundation\s+)?models?|multimodal|multi-modal|reasoning\s+models?|"
                          r"embodied)\b|로보틱스|로봇\s*(?:파운데이션\s*)?모델|멀티\s*모달"),
    ],
    "big_tech": [
        ("big_tech_competition", r"\b(?:competes?|competing)\s+(?:[\w-]+\s+){0,2}?(?:with|against)\s+(?:the\s+)?(?:largest|"
                                 r"biggest|big\s+tech|google|microsoft|openai|meta|amazon|apple|incumbents?)\b"
                                 r"|(?:빅테크|대기업|구글|네이버)\S*\s*(?:과|와)?\s*(?:정면\s*)?경쟁"),
    ],
}
