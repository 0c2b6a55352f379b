"""Default content of the customer-centricity test, in four languages.

Pure data, no Django imports: the five pillars in their fixed order (leadership, strategy, people,
processes, platforms), each with a description, improvement recommendations and three statements to
rate on a 5-point agreement scale, plus the maturity bands that an overall score falls into.

Every text is a dict keyed by language code (see LANGUAGES). Recommendations are tuples of short
sentences; all languages of one pillar have the same number of recommendations, in the same order.
"""

LANGUAGES = ("en", "ro", "it", "zh-hans")

PILLARS: tuple[dict, ...] = (
    {
        "slug": "leadership",
        "name": {
            "en": "Leadership",
            "ro": "Conducere",
            "it": "Leadership",
            "zh-hans": "领导力",
        },
        "description": {
            "en": (
                "Leadership is the foundation of the model: senior leaders decide whether the "
                "customer really comes first or whether short-term numbers win. When leaders start "
                "their own decisions from the customer and hold the organisation to account for "
                "it, the other pillars have something solid to build on."
            ),
            "ro": (
                "Conducerea este fundația modelului: liderii seniori decid dacă clientul vine cu "
                "adevărat pe primul loc sau dacă au câștig de cauză cifrele pe termen scurt. Când "
                "liderii își pornesc propriile decizii de la client și cer organizației să "
                "răspundă pentru asta, ceilalți piloni au o bază solidă pe care să se sprijine."
            ),
            "it": (
                "La leadership è la base del modello: sono i vertici a decidere se il cliente "
                "viene davvero prima o se prevalgono i numeri di breve periodo. Quando i leader "
                "partono dal cliente nelle proprie decisioni e chiedono all'organizzazione di "
                "risponderne, gli altri pilastri hanno basi solide su cui poggiare."
            ),
            "zh-hans": (
                "领导力是整个模型的地基：高层决定了客户是否真正被放在首位，还是短期数字说了算。"
                "当领导者在自己的决策中以客户为起点，并要求整个组织为此负责时，"
                "其他支柱才有稳固的基础。"
            ),
        },
        "recommendations": {
            "en": (
                "Have the leadership team and a cross-section of colleagues take this test, then "
                "meet to discuss where your answers differ and why.",
                "Make one senior leader accountable for the customer experience and review their "
                "progress at every strategy meeting.",
                "Open each leadership meeting with recent customer feedback and the latest "
                "satisfaction trend, before turning to the financial figures.",
                "Ask every leader to spend a few hours with customers each quarter, for example "
                "listening in on support calls, and to report what they learned.",
                "Set up a small centre of excellence that gives teams ready-to-use customer "
                "profiles, personas and survey results.",
                "Celebrate customer wins openly and review setbacks as chances to learn rather "
                "than occasions for blame.",
            ),
            "ro": (
                "Rugați echipa de conducere și un grup variat de colegi să completeze acest test, "
                "apoi discutați împreună unde diferă răspunsurile și de ce.",
                "Desemnați un lider senior responsabil pentru experiența clienților și analizați "
                "progresul împreună cu el la fiecare ședință de strategie.",
                "Începeți fiecare ședință a conducerii cu feedbackul recent al clienților și cu "
                "evoluția satisfacției, înainte de a trece la cifrele financiare.",
                "Cereți fiecărui lider să petreacă în fiecare trimestru câteva ore cu clienții, de "
                "exemplu ascultând apeluri la suport, și să povestească ce a aflat.",
                "Înființați un mic centru de excelență care oferă echipelor, gata de utilizat, "
                "profiluri de clienți, personaje-tip (persona) și rezultate din sondaje.",
                "Sărbătoriți deschis succesele obținute pentru clienți și tratați eșecurile ca "
                "ocazii de învățare, nu ca prilej de a căuta vinovați.",
            ),
            "it": (
                "Chiedete al team di direzione e a un campione di colleghi di fare questo test, "
                "poi confrontatevi su dove le risposte divergono e perché.",
                "Nominate un dirigente responsabile dell'esperienza del cliente e verificate con "
                "lui i progressi in ogni riunione strategica.",
                "Aprite ogni riunione di direzione con il feedback recente dei clienti e "
                "l'andamento della soddisfazione, prima di passare ai dati finanziari.",
                "Chiedete a ogni leader di trascorrere ogni trimestre qualche ora con i clienti, "
                "per esempio ascoltando le chiamate "
                "all'assistenza, e di raccontare cosa ha imparato.",
                "Create un piccolo centro di eccellenza che metta a disposizione dei team profili "
                "cliente, personas e risultati dei sondaggi pronti all'uso.",
                "Festeggiate apertamente i successi ottenuti per i clienti e trattate gli "
                "insuccessi come occasioni per imparare, non per cercare colpevoli.",
            ),
            "zh-hans": (
                "请领导团队和一批有代表性的同事参加本测试，"
                "然后一起讨论答案在哪些地方不同、为什么不同。",
                "指定一名高层领导对客户体验负责，并在每次战略会议上检查其进展。",
                "每次管理层会议先看近期客户反馈和满意度趋势，再看财务数据。",
                "请每位领导者每季度花几个小时接触客户，例如旁听客服电话，并分享自己的收获。",
                "成立一个小型卓越中心，为各团队提供可直接使用的客户档案、用户画像和调查结果。",
                "公开庆祝为客户取得的成果，把挫折当作学习的机会，而不是追究责任的理由。",
            ),
        },
        "questions": (
            {
                "key": "leadership-1",
                "text": {
                    "en": (
                        "When our leaders launch a new initiative, they explain which customer "
                        "need it addresses."
                    ),
                    "ro": (
                        "Când liderii noștri lansează o inițiativă nouă, explică la ce nevoie a "
                        "clienților răspunde aceasta."
                    ),
                    "it": (
                        "Quando i nostri leader avviano una nuova iniziativa, spiegano a quale "
                        "esigenza dei clienti risponde."
                    ),
                    "zh-hans": "我们的领导者在启动新举措时，会说明它针对的是客户的哪一项需求。",
                },
            },
            {
                "key": "leadership-2",
                "text": {
                    "en": (
                        "Our leaders hold each department accountable for its part of the "
                        "customer experience."
                    ),
                    "ro": (
                        "Liderii noștri trag fiecare departament la răspundere pentru partea sa "
                        "din experiența clienților."
                    ),
                    "it": (
                        "I nostri leader ritengono ogni reparto responsabile della propria parte "
                        "dell'esperienza del cliente."
                    ),
                    "zh-hans": "我们的领导者要求每个部门对其负责的那部分客户体验承担责任。",
                },
            },
            {
                "key": "leadership-3",
                "text": {
                    "en": (
                        "We have a dedicated team, backed by leadership, that helps other teams "
                        "apply customer insight in their work."
                    ),
                    "ro": (
                        "Avem o echipă dedicată, susținută de conducere, care ajută celelalte "
                        "echipe să aplice în munca lor cunoștințele despre clienți."
                    ),
                    "it": (
                        "Abbiamo un team dedicato, sostenuto dai vertici, che aiuta gli altri team "
                        "ad applicare nel loro lavoro la conoscenza dei clienti."
                    ),
                    "zh-hans": (
                        "我们有一个获得领导层支持的专门团队，帮助其他团队把客户洞察运用到工作中。"
                    ),
                },
            },
        ),
    },
    {
        "slug": "strategy",
        "name": {
            "en": "Strategy",
            "ro": "Strategie",
            "it": "Strategia",
            "zh-hans": "战略",
        },
        "description": {
            "en": (
                "Strategy shows whether the organisation works outside-in, starting from what "
                "customers need, or inside-out, starting from products and internal targets. A "
                "customer-centric strategy spells out what the idea means for the company, sets "
                "customer goals that are measured over the long term and gives them real resources."
            ),
            "ro": (
                "Strategia arată dacă organizația lucrează din exterior spre interior, pornind de "
                "la nevoile clienților, sau din interior spre exterior, pornind de la produse și "
                "ținte interne. O strategie centrată pe client precizează ce înseamnă acest lucru "
                "pentru companie, stabilește obiective privind clienții, măsurate pe termen lung, "
                "și le alocă resurse reale."
            ),
            "it": (
                "La strategia mostra se l'organizzazione lavora dall'esterno verso l'interno, "
                "partendo dai bisogni dei clienti, oppure dall'interno verso l'esterno, partendo "
                "da prodotti e obiettivi interni. Una strategia incentrata sul cliente chiarisce "
                "che cosa significhi per l'azienda, fissa obiettivi sui clienti misurati nel lungo "
                "periodo e li dota di risorse concrete."
            ),
            "zh-hans": (
                "战略表明组织是由外而内地从客户需求出发，还是由内而外地从产品和内部指标出发。"
                "以客户为中心的战略会讲清这一理念对公司意味着什么，设定长期衡量的客户目标，"
                "并为这些目标投入实实在在的资源。"
            ),
        },
        "recommendations": {
            "en": (
                "Agree in a few sentences what being customer-centric means for your organisation "
                "and come back to it in plans, internal updates and strategy meetings.",
                "Before changing anything, record baselines for churn, CSAT, NPS and customer "
                "lifetime value for each customer segment.",
                "Pick one high-impact customer problem your teams can solve within 30 to 60 days, "
                "give it an owner and a target, and share the result.",
                "Replace department-only targets with a few customer KPIs shared by sales, "
                "marketing, service and IT.",
                "Track retention and customer lifetime value alongside short-term sales, and "
                "compare lifetime value with the cost of winning a new customer.",
                "Give every customer goal in the strategy its own budget, owner and deadline.",
            ),
            "ro": (
                "Stabiliți în câteva fraze ce înseamnă pentru organizația voastră să fie centrată "
                "pe client și reveniți la această definiție în planuri, comunicări interne și "
                "ședințe de strategie.",
                "Înainte de a schimba ceva, măsurați punctul de plecare pentru rata de abandon "
                "(churn), CSAT, NPS și valoarea pe durata de viață a clientului, pe fiecare "
                "segment de clienți.",
                "Alegeți o problemă a clienților cu impact mare, pe care echipele o pot rezolva în "
                "30-60 de zile, numiți un responsabil, fixați o țintă și comunicați rezultatul.",
                "Înlocuiți țintele strict departamentale cu câțiva KPI privind clienții, comuni "
                "pentru vânzări, marketing, serviciul clienți și IT.",
                "Urmăriți retenția și valoarea pe durata de viață a clientului alături de "
                "vânzările pe termen scurt și comparați această valoare cu costul de atragere a "
                "unui client nou.",
                "Dați fiecărui obiectiv privind clienții din strategie propriul buget, propriul "
                "responsabil și propriul termen.",
            ),
            "it": (
                "Definite in poche frasi che cosa significa per la vostra organizzazione essere "
                "incentrata sul cliente e richiamatelo in piani, comunicazioni interne e riunioni "
                "strategiche.",
                "Prima di cambiare qualcosa, misurate il punto di partenza di tasso di abbandono "
                "(churn), CSAT, NPS e valore del cliente nel tempo (CLV) per ogni segmento.",
                "Scegliete un problema dei clienti ad alto impatto che i team possano risolvere in "
                "30-60 giorni, assegnategli un responsabile e un obiettivo e condividete il "
                "risultato.",
                "Sostituite gli obiettivi di singolo reparto con pochi KPI sui clienti condivisi "
                "da vendite, marketing, assistenza e IT.",
                "Monitorate la fidelizzazione e il valore del cliente nel tempo accanto alle "
                "vendite di breve periodo e confrontate tale valore con il costo per acquisire un "
                "nuovo cliente.",
                "Assegnate a ogni obiettivo sui clienti presente nella strategia un budget, un "
                "responsabile e una scadenza propri.",
            ),
            "zh-hans": (
                "用几句话说清以客户为中心对本组织意味着什么，"
                "并在计划、内部通报和战略会议中反复提及。",
                "在做任何改变之前，先按客户细分记录流失率、CSAT、NPS 和客户终身价值的基线。",
                "选择一个影响大、团队能在 30 到 60 "
                "天内解决的客户问题，指定负责人和目标，并公布结果。",
                "用销售、市场、客服和 IT 共同承担的少数几个客户 KPI，取代只属于单个部门的指标。",
                "在关注短期销售的同时跟踪客户留存率和客户终身价值，"
                "并将客户终身价值与获客成本进行比较。",
                "为战略中的每个客户目标分别设定预算、负责人和截止日期。",
            ),
        },
        "questions": (
            {
                "key": "strategy-1",
                "text": {
                    "en": (
                        "Our business strategy includes specific goals for what we want to achieve "
                        "for our customers."
                    ),
                    "ro": (
                        "Strategia noastră de afaceri include obiective concrete privind ceea ce "
                        "vrem să obținem pentru clienții noștri."
                    ),
                    "it": (
                        "La nostra strategia aziendale contiene obiettivi precisi su ciò che "
                        "vogliamo ottenere per i nostri clienti."
                    ),
                    "zh-hans": "我们的业务战略包含明确的目标，说明我们希望为客户实现什么。",
                },
            },
            {
                "key": "strategy-2",
                "text": {
                    "en": (
                        "We judge our success by long-term customer results, such as retention or "
                        "customer lifetime value."
                    ),
                    "ro": (
                        "Ne evaluăm succesul după rezultate pe termen lung legate de clienți, cum "
                        "ar fi retenția sau valoarea pe durata de viață a clientului."
                    ),
                    "it": (
                        "Valutiamo il nostro successo in base a risultati di lungo periodo sui "
                        "clienti, come la fidelizzazione o il valore del cliente nel tempo."
                    ),
                    "zh-hans": "我们以长期的客户成果来评判成功，例如客户留存率或客户终身价值。",
                },
            },
            {
                "key": "strategy-3",
                "text": {
                    "en": (
                        "Our customer-related goals are given the budget and people needed to "
                        "reach them."
                    ),
                    "ro": (
                        "Obiectivele noastre legate de clienți primesc bugetul și oamenii necesari "
                        "pentru a fi atinse."
                    ),
                    "it": (
                        "I nostri obiettivi legati ai clienti ricevono il budget e le persone "
                        "necessarie per raggiungerli."
                    ),
                    "zh-hans": "我们与客户相关的目标能够获得实现所需的预算和人手。",
                },
            },
        ),
    },
    {
        "slug": "people",
        "name": {
            "en": "People",
            "ro": "Oameni",
            "it": "Persone",
            "zh-hans": "人员",
        },
        "description": {
            "en": (
                "People turn the strategy into daily practice. Everyone, from the front line to "
                "back-office and technical roles, needs to understand the customer, have the "
                "skills and freedom to act for them, and see that putting the customer first "
                "counts when their work is judged."
            ),
            "ro": (
                "Oamenii transformă strategia în practică de zi cu zi. Toți angajații, din prima "
                "linie până în back-office și în rolurile tehnice, trebuie să înțeleagă clientul, "
                "să aibă abilitățile și libertatea de a acționa în interesul lui și să vadă că "
                "punerea clientului pe primul loc contează atunci când le este evaluată munca."
            ),
            "it": (
                "Sono le persone a trasformare la strategia in pratica quotidiana. Tutti, dalla "
                "prima linea al back office fino ai ruoli tecnici, devono capire il cliente, avere "
                "le competenze e la libertà per agire nel suo interesse e vedere che mettere il "
                "cliente al primo posto conta quando viene valutato il loro lavoro."
            ),
            "zh-hans": (
                "人员把战略变成日常实践。从一线到后台再到技术岗位，每个人都需要理解客户，"
                "具备为客户采取行动的能力和自主权，并看到把客户放在首位会体现在对自己工作的评价中。"
            ),
        },
        "recommendations": {
            "en": (
                "Train every role, including back-office and technical staff, on who your "
                "customers are and how their own work affects the customer journey.",
                "Give frontline staff clear authority, within agreed limits, to resolve common "
                "problems on the first contact.",
                "Include customer KPIs such as CSAT, NPS or first-contact resolution in "
                "performance reviews and recognition, not only speed or volume.",
                "Hold regular knowledge-sharing sessions where IT, marketing, sales and service "
                "exchange what each of them knows about customers.",
                "Build personas and empathy maps together with colleagues so that everyone works "
                "from the same picture of the customer.",
                "When hiring, assess empathy and problem-solving as seriously as technical skills.",
            ),
            "ro": (
                "Instruiți toate rolurile, inclusiv personalul de back-office și cel tehnic, "
                "despre cine sunt clienții și cum le influențează propria muncă parcursul.",
                "Oferiți personalului din prima linie autoritate clară, în limite convenite, "
                "pentru a rezolva problemele frecvente încă de la primul contact.",
                "Includeți KPI privind clienții, precum CSAT, NPS sau rezolvarea la primul "
                "contact, în evaluările de performanță și "
                "în recunoaștere, nu doar viteza sau volumul.",
                "Organizați sesiuni regulate de schimb de cunoștințe în care IT, marketingul, "
                "vânzările și serviciul clienți împărtășesc ce știe fiecare despre clienți.",
                "Construiți împreună cu colegii personaje-tip (persona) și hărți ale empatiei, "
                "astfel încât toată lumea să pornească de la aceeași imagine a clientului.",
                "La angajare, evaluați empatia și capacitatea de a rezolva probleme la fel de "
                "serios ca abilitățile tehnice.",
            ),
            "it": (
                "Formate tutti i ruoli, compresi il back office e il personale tecnico, su chi "
                "sono i clienti e su come il loro lavoro incide sul percorso del cliente.",
                "Date al personale di prima linea un'autorità chiara, entro limiti concordati, per "
                "risolvere i problemi più comuni già al primo contatto.",
                "Inserite KPI sui clienti come CSAT, NPS o risoluzione al primo contatto nelle "
                "valutazioni delle prestazioni e nei riconoscimenti, non solo velocità o volumi.",
                "Organizzate sessioni regolari di condivisione in cui IT, marketing, vendite e "
                "assistenza si scambiano ciò che ciascuno sa dei clienti.",
                "Costruite personas e mappe dell'empatia insieme ai colleghi, così che tutti "
                "lavorino con la stessa immagine del cliente.",
                "Nelle assunzioni valutate l'empatia e la capacità di risolvere problemi con la "
                "stessa serietà delle competenze tecniche.",
            ),
            "zh-hans": (
                "对所有岗位（包括后台和技术人员）开展培训，"
                "让他们了解客户是谁，以及自己的工作如何影响客户旅程。",
                "给予一线员工明确的权限和约定的边界，使他们能在首次接触时就解决常见问题。",
                "把 CSAT、NPS 或首次接触解决率等客户 KPI 纳入绩效评估和表彰，而不只看速度或数量。",
                "定期举办知识分享会，让 IT、市场、销售和客服交流各自对客户的了解。",
                "与同事一起制作用户画像和同理心地图，让所有人对客户形成同样的认识。",
                "招聘时，像重视专业技能一样认真评估同理心和解决问题的能力。",
            ),
        },
        "questions": (
            {
                "key": "people-1",
                "text": {
                    "en": (
                        "Whatever our role, we receive regular training on understanding our "
                        "customers' needs."
                    ),
                    "ro": (
                        "Indiferent de rolul fiecăruia, primim periodic instruire despre "
                        "înțelegerea nevoilor clienților noștri."
                    ),
                    "it": (
                        "Qualunque sia il nostro ruolo, riceviamo regolarmente formazione su come "
                        "comprendere le esigenze dei nostri clienti."
                    ),
                    "zh-hans": "无论担任什么角色，我们都会定期接受关于理解客户需求的培训。",
                },
            },
            {
                "key": "people-2",
                "text": {
                    "en": (
                        "We are trusted to solve a customer's problem without first asking a "
                        "manager for permission."
                    ),
                    "ro": (
                        "Avem libertatea de a rezolva problema unui client fără a cere mai întâi "
                        "aprobarea unui manager."
                    ),
                    "it": (
                        "Abbiamo la libertà di risolvere il problema di un cliente senza chiedere "
                        "prima il permesso a un responsabile."
                    ),
                    "zh-hans": "我们被授权在无需先征得经理同意的情况下解决客户的问题。",
                },
            },
            {
                "key": "people-3",
                "text": {
                    "en": (
                        "How we are recognised and rewarded depends partly on measured customer "
                        "outcomes, such as satisfaction scores."
                    ),
                    "ro": (
                        "Modul în care suntem recunoscuți și recompensați depinde în parte de "
                        "rezultate măsurate la clienți, cum ar fi scorurile de satisfacție."
                    ),
                    "it": (
                        "Il modo in cui veniamo riconosciuti e premiati dipende in parte da "
                        "risultati misurati sui clienti, come i punteggi di soddisfazione."
                    ),
                    "zh-hans": (
                        "我们获得的认可和奖励在一定程度上取决于可衡量的客户成果，例如满意度得分。"
                    ),
                },
            },
        ),
    },
    {
        "slug": "processes",
        "name": {
            "en": "Processes",
            "ro": "Procese",
            "it": "Processi",
            "zh-hans": "流程",
        },
        "description": {
            "en": (
                "Processes should give structure without getting in the customer's way. "
                "Customer-centric processes are built around the journey as the customer lives "
                "it, let insight flow freely between teams, and are reviewed and improved "
                "regularly on the basis of feedback and customer metrics."
            ),
            "ro": (
                "Procesele trebuie să ofere structură fără să stea în calea clientului. Procesele "
                "centrate pe client sunt construite în jurul parcursului așa cum îl trăiește "
                "clientul, lasă informațiile să circule liber între echipe și sunt revizuite și "
                "îmbunătățite periodic pe baza feedbackului și a indicatorilor privind clienții."
            ),
            "it": (
                "I processi devono dare struttura senza intralciare il cliente. I processi "
                "incentrati sul cliente sono costruiti attorno al percorso così come il cliente lo "
                "vive, lasciano circolare le informazioni tra i team e vengono rivisti e "
                "migliorati regolarmente in base al feedback e alle metriche sui clienti."
            ),
            "zh-hans": (
                "流程应当提供结构，而不是成为客户的障碍。"
                "以客户为中心的流程围绕客户实际经历的旅程来设计，"
                "让洞察在团队之间顺畅流动，并根据反馈和客户指标定期复盘和优化。"
            ),
        },
        "recommendations": {
            "en": (
                "Map your main customer journeys end to end, marking every touchpoint, handover "
                "and wait, and how the customer feels at each step.",
                "Apply the 5 whys to recurring complaints so that you fix the root cause rather "
                "than the symptom.",
                "Create one shared dashboard with a few KPIs, such as complaints per day, average "
                "resolution time, escalation rate, churn and customer effort score.",
                "Keep a steady rhythm: share dashboards weekly, review them monthly and run "
                "improvement experiments every quarter.",
                "Agree handover rules and service levels between teams and channels so that "
                "customers never have to repeat their story.",
                "Send findings from surveys, tickets and frontline debriefs to the product, "
                "marketing, sales and service teams, and feed them into roadmaps.",
            ),
            "ro": (
                "Cartografiați principalele parcursuri ale clienților de la un capăt la altul, "
                "marcând fiecare punct de contact, predare și așteptare, precum și ce simte "
                "clientul la fiecare pas.",
                "Aplicați analiza „5 de ce” reclamațiilor recurente, ca să eliminați cauza de "
                "fond, nu doar simptomul.",
                "Creați un singur tablou de bord comun cu câțiva KPI, cum ar fi reclamațiile pe "
                "zi, timpul mediu de rezolvare, rata de escaladare, rata de abandon și scorul de "
                "efort al clientului.",
                "Păstrați un ritm constant: distribuiți tablourile de bord săptămânal, "
                "analizați-le lunar și derulați experimente de îmbunătățire în fiecare trimestru.",
                "Stabiliți reguli de predare și niveluri de serviciu între echipe și canale, "
                "astfel încât clienții să nu fie nevoiți să-și repete povestea.",
                "Trimiteți constatările din sondaje, tichete și discuțiile cu prima linie către "
                "echipele de produs, marketing, vânzări și serviciul clienți și includeți-le în "
                "planurile de dezvoltare.",
            ),
            "it": (
                "Mappate i principali percorsi dei clienti dall'inizio alla fine, segnando ogni "
                "punto di contatto, passaggio di consegne e attesa, e ciò che il cliente prova a "
                "ogni fase.",
                "Applicate l'analisi dei 5 perché ai reclami ricorrenti, così da eliminare la "
                "causa alla radice e non solo il sintomo.",
                "Create un unico cruscotto condiviso con pochi KPI, come reclami al giorno, tempo "
                "medio di risoluzione, tasso di escalation, tasso di abbandono e Customer Effort "
                "Score.",
                "Mantenete un ritmo costante: condividete i cruscotti ogni settimana, analizzateli "
                "ogni mese e avviate esperimenti di miglioramento ogni trimestre.",
                "Concordate regole di passaggio e livelli di servizio tra team e canali, così che "
                "i clienti non debbano mai ripetere la loro storia.",
                "Inviate quanto emerge da sondaggi, ticket e confronti con la prima linea ai team "
                "di prodotto, marketing, vendite e assistenza, e inseritelo nelle roadmap.",
            ),
            "zh-hans": (
                "绘制主要客户旅程的端到端地图，标出每个触点、"
                "交接和等待环节，以及客户在每一步的感受。",
                "对反复出现的投诉使用“5 个为什么”分析法，解决根本原因而不只是表面症状。",
                "建立一个共享仪表板，只放少数几个 KPI，例如每日投诉数、"
                "平均解决时间、升级率、流失率和客户费力度（CES）。",
                "保持固定节奏：每周共享仪表板，每月复盘，每季度开展改进实验。",
                "在团队和渠道之间约定交接规则和服务水平，让客户无需重复讲述自己的情况。",
                "把调查、工单和一线复盘中的发现发送给产品、市场、销售和客服团队，并纳入路线图。",
            ),
        },
        "questions": (
            {
                "key": "processes-1",
                "text": {
                    "en": (
                        "We design our processes by following the customer journey from the "
                        "customer's point of view, from start to finish."
                    ),
                    "ro": (
                        "Ne proiectăm procesele urmărind parcursul clientului din perspectiva "
                        "acestuia, de la început până la sfârșit."
                    ),
                    "it": (
                        "Progettiamo i nostri processi seguendo il percorso del cliente dal suo "
                        "punto di vista, dall'inizio alla fine."
                    ),
                    "zh-hans": "我们从客户的视角出发，按照从头到尾的客户旅程来设计流程。",
                },
            },
            {
                "key": "processes-2",
                "text": {
                    "en": "Feedback from customers reliably reaches the team that can act on it.",
                    "ro": (
                        "Feedbackul clienților ajunge de fiecare dată la echipa care poate acționa "
                        "pe baza lui."
                    ),
                    "it": (
                        "Il feedback dei clienti arriva con regolarità al team che può intervenire."
                    ),
                    "zh-hans": "客户反馈能够可靠地传达到有能力采取行动的团队。",
                },
            },
            {
                "key": "processes-3",
                "text": {
                    "en": (
                        "We use customer metrics, such as NPS, CSAT or churn, to decide what to "
                        "improve next."
                    ),
                    "ro": (
                        "Folosim indicatori privind clienții, precum NPS, CSAT sau rata de "
                        "abandon, pentru a decide ce îmbunătățim în continuare."
                    ),
                    "it": (
                        "Usiamo metriche sui clienti, come NPS, CSAT o tasso di abbandono, per "
                        "decidere quali saranno i prossimi miglioramenti."
                    ),
                    "zh-hans": "我们根据 NPS、CSAT 或流失率等客户指标来决定下一步改进什么。",
                },
            },
        ),
    },
    {
        "slug": "platforms",
        "name": {
            "en": "Platforms",
            "ro": "Platforme",
            "it": "Piattaforme",
            "zh-hans": "平台",
        },
        "description": {
            "en": (
                "Platforms connect the organisation with its customers: technology runs "
                "transactions, measures KPIs and is often the journey itself. A customer-centric "
                "technology stack is connected rather than split into silos, recognises each "
                "customer across systems and touchpoints, and puts that knowledge to work in every "
                "channel."
            ),
            "ro": (
                "Platformele leagă organizația de clienții săi: tehnologia derulează tranzacțiile, "
                "măsoară indicatorii și de multe ori constituie chiar parcursul clientului. O "
                "infrastructură tehnologică centrată pe client este conectată, nu împărțită în "
                "silozuri, recunoaște fiecare client în toate sistemele și punctele de contact și "
                "folosește aceste cunoștințe pe fiecare canal."
            ),
            "it": (
                "Le piattaforme collegano l'organizzazione ai suoi clienti: la tecnologia gestisce "
                "le transazioni, misura i KPI e spesso costituisce il percorso stesso del cliente. "
                "Uno stack tecnologico incentrato sul cliente è connesso anziché diviso in silos, "
                "riconosce ogni cliente in tutti i sistemi e i punti di contatto e mette a frutto "
                "questa conoscenza su ogni canale."
            ),
            "zh-hans": (
                "平台把组织与客户连接起来：技术处理交易、衡量 KPI，而且往往本身就构成了客户旅程。"
                "以客户为中心的技术栈是互联互通的，而非各自孤立，"
                "能在所有系统和触点中识别同一位客户，"
                "并在每个渠道中运用这些信息。"
            ),
        },
        "recommendations": {
            "en": (
                "Check whether your systems link every interaction to a single customer profile, "
                "and close the biggest gaps first.",
                "Make sure your customer insight covers traditional channels such as shops, phone "
                "and post, not only digital ones.",
                "Give customer-facing teams direct access to the full customer history in the CRM, "
                "so they can answer without passing the customer on.",
                "Use customer data to tailor contact to each customer's journey stage and needs, "
                "under clear consent and privacy rules.",
                "Work towards adjusting journeys in real time, for example by offering help the "
                "moment a customer gets stuck online.",
                "Pilot automation or AI in one channel first, keep an easy route to a person, and "
                "expand only where the results are clear.",
            ),
            "ro": (
                "Verificați dacă sistemele voastre leagă fiecare interacțiune de un singur profil "
                "de client și eliminați mai întâi cele mai mari lacune.",
                "Asigurați-vă că informațiile despre clienți acoperă și canalele tradiționale, "
                "precum magazinele, telefonul și poșta, nu doar pe cele digitale.",
                "Oferiți echipelor care lucrează cu clienții acces direct la istoricul complet din "
                "CRM, ca să poată răspunde fără a trimite clientul mai departe.",
                "Folosiți datele despre clienți pentru a adapta comunicarea la etapa din parcurs "
                "și la nevoile fiecărui client, cu reguli clare de consimțământ și "
                "confidențialitate.",
                "Lucrați pentru a ajusta parcursurile în timp real, de exemplu oferind ajutor "
                "chiar în momentul în care un client se blochează online.",
                "Testați automatizarea sau inteligența artificială mai întâi pe un singur canal, "
                "păstrați o cale simplă către un om și extindeți doar acolo unde rezultatele sunt "
                "clare.",
            ),
            "it": (
                "Verificate se i vostri sistemi collegano ogni interazione a un unico profilo "
                "cliente e colmate per prime le lacune più grandi.",
                "Assicuratevi che la conoscenza dei clienti copra anche i canali tradizionali, "
                "come negozi, telefono e posta, non solo quelli digitali.",
                "Date ai team a contatto con i clienti accesso diretto allo storico completo nel "
                "CRM, così possono rispondere senza rimandare il cliente ad altri.",
                "Usate i dati sui clienti per adattare i contatti alla fase del percorso e alle "
                "esigenze di ciascuno, con regole chiare su consenso e privacy.",
                "Lavorate per adattare i percorsi in tempo reale, per esempio offrendo aiuto nel "
                "momento in cui un cliente si blocca online.",
                "Sperimentate l'automazione o l'intelligenza artificiale prima su un solo canale, "
                "mantenete una via semplice verso una persona e ampliate solo dove i risultati "
                "sono chiari.",
            ),
            "zh-hans": (
                "检查你们的系统能否把每次互动关联到唯一的客户档案，并优先弥补最大的缺口。",
                "确保客户洞察同时覆盖门店、电话和邮寄等传统渠道，而不仅是数字渠道。",
                "让面向客户的团队在 CRM 中直接查看完整的客户历史，无需把客户转给他人就能答复。",
                "利用客户数据，根据每位客户所处的旅程阶段和需求调整沟通，"
                "并遵守清晰的同意和隐私规则。",
                "逐步实现实时调整客户旅程，例如在客户在线上遇到困难时立即提供帮助。",
                "先在一个渠道试点自动化或人工智能，"
                "保留便捷的转人工通道，只在效果明确的地方扩大应用。",
            ),
        },
        "questions": (
            {
                "key": "platforms-1",
                "text": {
                    "en": (
                        "When we look up a customer, we can see their history across all channels "
                        "in one place."
                    ),
                    "ro": (
                        "Când căutăm un client, îi putem vedea într-un singur loc istoricul din "
                        "toate canalele."
                    ),
                    "it": (
                        "Quando cerchiamo un cliente, vediamo in un unico posto la sua storia su "
                        "tutti i canali."
                    ),
                    "zh-hans": "我们查询某位客户时，可以在同一个地方看到其在所有渠道的历史记录。",
                },
            },
            {
                "key": "platforms-2",
                "text": {
                    "en": (
                        "We use customer data to personalise the way we communicate with each "
                        "customer."
                    ),
                    "ro": (
                        "Folosim datele despre clienți pentru a personaliza felul în care "
                        "comunicăm cu fiecare client."
                    ),
                    "it": (
                        "Usiamo i dati sui clienti per personalizzare il modo in cui comunichiamo "
                        "con ciascun cliente."
                    ),
                    "zh-hans": "我们利用客户数据，针对每位客户个性化我们的沟通方式。",
                },
            },
            {
                "key": "platforms-3",
                "text": {
                    "en": (
                        "Our customer-facing colleagues have the tools they need to resolve "
                        "customer issues."
                    ),
                    "ro": (
                        "Colegii noștri care lucrează direct cu clienții au instrumentele necesare "
                        "pentru a le rezolva problemele."
                    ),
                    "it": (
                        "I nostri colleghi a contatto con i clienti hanno gli strumenti necessari "
                        "per risolverne i problemi."
                    ),
                    "zh-hans": "我们直接面对客户的同事拥有解决客户问题所需的工具。",
                },
            },
        ),
    },
)

# Maturity bands of the overall score (0..100), ascending by min_score. A score belongs to the
# last band whose min_score it reaches. Named after the roles technology can play as an
# organisation matures: enabler, accelerator, and finally part of the core of the strategy.
MATURITY_BANDS: tuple[dict, ...] = (
    {
        "key": "inside_out",
        "min_score": 0,
        "name": {
            "en": "Inside-out",
            "ro": "Din interior spre exterior",
            "it": "Dall'interno verso l'esterno",
            "zh-hans": "由内而外",
        },
        "summary": {
            "en": (
                "Decisions mostly start from products, internal targets and existing systems. "
                "Customer insight exists in places but does not yet steer how the organisation "
                "works."
            ),
            "ro": (
                "Deciziile pornesc mai ales de la produse, ținte interne și sistemele existente. "
                "Informațiile despre clienți există pe alocuri, dar nu ghidează încă modul în care "
                "funcționează organizația."
            ),
            "it": (
                "Le decisioni partono soprattutto da prodotti, obiettivi interni e sistemi "
                "esistenti. La conoscenza dei clienti esiste qua e là, ma non orienta ancora il "
                "modo in cui lavora l'organizzazione."
            ),
            "zh-hans": (
                "决策主要从产品、内部指标和现有系统出发。"
                "组织中零星存在客户洞察，但尚未左右组织的运作方式。"
            ),
        },
    },
    {
        "key": "enabler",
        "min_score": 40,
        "name": {
            "en": "Enabler",
            "ro": "Facilitator",
            "it": "Abilitatore",
            "zh-hans": "赋能者",
        },
        "summary": {
            "en": (
                "The basics are in place: some customer data, tools and practices help teams "
                "serve customers. They are not yet joined up across departments and pillars."
            ),
            "ro": (
                "Bazele sunt puse: unele date, instrumente și practici legate de clienți ajută "
                "echipele să-i servească mai bine. Ele nu sunt însă încă legate între ele, de la "
                "un departament și de la un pilon la altul."
            ),
            "it": (
                "Le basi ci sono: alcuni dati, strumenti e pratiche aiutano i team a servire i "
                "clienti. Non sono però ancora collegati tra reparti e pilastri."
            ),
            "zh-hans": (
                "基础已经具备：一些客户数据、工具和做法能帮助团队服务客户，"
                "但它们尚未在部门和支柱之间打通。"
            ),
        },
    },
    {
        "key": "accelerator",
        "min_score": 60,
        "name": {
            "en": "Accelerator",
            "ro": "Accelerator",
            "it": "Acceleratore",
            "zh-hans": "加速器",
        },
        "summary": {
            "en": (
                "Customer focus is shared and measured, and connected technology speeds up "
                "improvement. The next step is to close the remaining gaps between pillars and "
                "departments."
            ),
            "ro": (
                "Orientarea spre client este asumată și măsurată, iar tehnologia conectată "
                "grăbește îmbunătățirile. Următorul pas este închiderea decalajelor rămase între "
                "piloni și departamente."
            ),
            "it": (
                "L'attenzione al cliente è condivisa e misurata, e la tecnologia connessa accelera "
                "i miglioramenti. Il passo successivo è colmare le lacune rimaste tra pilastri e "
                "reparti."
            ),
            "zh-hans": (
                "以客户为中心已成为共识并得到衡量，互联的技术加快了改进速度。"
                "下一步是弥合各支柱和部门之间剩余的差距。"
            ),
        },
    },
    {
        "key": "core",
        "min_score": 80,
        "name": {
            "en": "Customer-centric core",
            "ro": "Nucleu centrat pe client",
            "it": "Cuore incentrato sul cliente",
            "zh-hans": "以客户为中心的核心",
        },
        "summary": {
            "en": (
                "The customer is the starting point of strategy and daily work, and connected data "
                "and tools let you adjust journeys as they happen. Keep measuring to stay here."
            ),
            "ro": (
                "Clientul este punctul de plecare al strategiei și al muncii de zi cu zi, iar "
                "datele și instrumentele conectate vă permit să ajustați parcursurile chiar în "
                "timp ce au loc. Continuați să măsurați pentru a rămâne la acest nivel."
            ),
            "it": (
                "Il cliente è il punto di partenza della strategia e del lavoro quotidiano, e dati "
                "e strumenti connessi permettono di adattare i percorsi mentre si svolgono. "
                "Continuate a misurare per restare a questo livello."
            ),
            "zh-hans": (
                "客户是战略和日常工作的起点，互联的数据和工具让你们能在客户旅程进行中实时调整。"
                "请持续衡量，保持这一水平。"
            ),
        },
    },
)


if __name__ == "__main__":

    def _check_texts(texts: dict, where: str) -> None:
        assert set(texts) == set(LANGUAGES), f"{where}: languages {sorted(texts)}"
        for lang in LANGUAGES:
            value = texts[lang]
            assert isinstance(value, str) and value.strip(), f"{where}/{lang}: empty"
            assert value == value.strip(), f"{where}/{lang}: stray whitespace"
            assert "\u2019" not in value, f"{where}/{lang}: curly apostrophe"
            if lang == "ro":
                # Romanian uses comma-below letters, never the cedilla look-alikes.
                assert not set(value) & set("\u015e\u015f\u0162\u0163"), f"{where}: cedilla"

    assert LANGUAGES == ("en", "ro", "it", "zh-hans")
    slugs = tuple(p["slug"] for p in PILLARS)
    assert slugs == ("leadership", "strategy", "people", "processes", "platforms"), slugs
    keys = []
    for pillar in PILLARS:
        slug = pillar["slug"]
        _check_texts(pillar["name"], f"{slug}/name")
        _check_texts(pillar["description"], f"{slug}/description")
        recs = pillar["recommendations"]
        assert set(recs) == set(LANGUAGES), f"{slug}/recommendations: languages"
        counts = {lang: len(recs[lang]) for lang in LANGUAGES}
        assert len(set(counts.values())) == 1, f"{slug}/recommendations: counts {counts}"
        assert 4 <= counts["en"] <= 6, f"{slug}/recommendations: {counts['en']} items"
        for i in range(counts["en"]):
            _check_texts({lang: recs[lang][i] for lang in LANGUAGES}, f"{slug}/rec{i + 1}")
        questions = pillar["questions"]
        assert len(questions) == 3, f"{slug}: {len(questions)} questions"
        for n, question in enumerate(questions, start=1):
            assert question["key"] == f"{slug}-{n}", question["key"]
            keys.append(question["key"])
            _check_texts(question["text"], question["key"])
            words = len(question["text"]["en"].split())
            assert words <= 25, f"{question['key']}: {words} words"
    assert len(keys) == 15 and len(set(keys)) == 15, keys

    assert tuple(b["key"] for b in MATURITY_BANDS) == (
        "inside_out",
        "enabler",
        "accelerator",
        "core",
    )
    assert tuple(b["min_score"] for b in MATURITY_BANDS) == (0, 40, 60, 80)
    for band in MATURITY_BANDS:
        _check_texts(band["name"], f"band {band['key']}/name")
        _check_texts(band["summary"], f"band {band['key']}/summary")

    print("OK")


# The test as its default content has it, and as the texts that introduce it ("fifteen statements
# in five parts") describe it: a round whose questions differ gets a plainer introduction.
STANDARD_PARTS = len(PILLARS)
STANDARD_QUESTIONS = sum(len(pillar["questions"]) for pillar in PILLARS)
