"""Hand-written wording of the demo: project narratives, evaluation content, committee business.

Keyed by language ("en", "fr", "es"). Placeholders: {country}, {title}, {city}, {timing},
{donor}, {withdrawn}, {prevented}, {families}, {ministry}.
"""

from __future__ import annotations

SUMMARIES = {
    "en": [
        "The project supports the Government of {country}, employers' and workers' organizations and civil society in "
        "the progressive elimination of child labour, with priority on its worst forms. It combines policy advice and "
        "institutional capacity building with direct action in selected districts, so that what works can be taken up "
        "by national programmes and budgets.",
        "Building on earlier IPEC work in {country}, the project strengthens the knowledge base, the legal framework and "
        "the enforcement capacity needed to act against child labour, and demonstrates integrated models of withdrawal, "
        "prevention and protection of working children and their families.",
        "The project follows IPEC's phased, multi-sectoral strategy: a situation analysis, an alliance of national "
        "partners, protective legislation and its enforcement, awareness raising in communities and workplaces, and "
        "direct support to children at risk through education and to their families through livelihood services.",
    ],
    "fr": [
        "Le projet appuie le Gouvernement, les organisations d'employeurs et de travailleurs et la société civile dans "
        "l'abolition progressive du travail des enfants, en priorité de ses pires formes. Il associe conseil politique, "
        "renforcement des capacités institutionnelles et actions directes dans des zones pilotes, afin que les modèles "
        "qui réussissent soient repris par les programmes nationaux.",
        "Le projet renforce la base de connaissances, le cadre juridique et les capacités d'application nécessaires à la "
        "lutte contre le travail des enfants, et met à l'essai des modèles intégrés de retrait, de prévention et de "
        "protection des enfants travailleurs et de leurs familles.",
    ],
    "es": [
        "El proyecto apoya al Gobierno, a las organizaciones de empleadores y de trabajadores y a la sociedad civil en la "
        "eliminación progresiva del trabajo infantil, con prioridad en sus peores formas. Combina asesoría en políticas, "
        "fortalecimiento institucional y acción directa en zonas piloto, para que los modelos exitosos sean asumidos por "
        "los programas y presupuestos nacionales.",
        "El proyecto fortalece la base de conocimientos, el marco legal y la capacidad de fiscalización necesarios para "
        "combatir el trabajo infantil, y valida modelos integrados de retiro, prevención y protección de niños, niñas y "
        "adolescentes trabajadores y de sus familias.",
    ],
}

DEVELOPMENT_OBJECTIVE = {
    "en": "Development objective: to contribute to the progressive elimination of child labour in {country}, with priority on its worst forms.",
    "fr": "Objectif de développement : contribuer à l'abolition progressive du travail des enfants, en priorité de ses pires formes.",
    "es": "Objetivo de desarrollo: contribuir a la eliminación progresiva del trabajo infantil, con prioridad en sus peores formas.",
}
IMMEDIATE_OBJECTIVES_HEADING = {
    "en": "Immediate objectives:",
    "fr": "Objectifs immédiats :",
    "es": "Objetivos inmediatos:",
}

# By intervention type code.
IMMEDIATE_OBJECTIVES = {
    "en": {
        "legislation-policy": "The national legal and policy framework on child labour is strengthened, including an updated list of hazardous work prohibited to persons under 18.",
        "institutional-development": "The ministry in charge of labour, labour inspectors and the National Steering Committee plan, coordinate and monitor action against child labour.",
        "direct-action": "{withdrawn} children are withdrawn and {prevented} children prevented from child labour through education and training services.",
        "advocacy-awareness": "Communities, employers, workers and the media know the harm done by child labour and act against its worst forms.",
        "social-services": "{families} families of working children have access to income-generating activities, social protection and micro-credit.",
    },
    "fr": {
        "legislation-policy": "Le cadre juridique et politique relatif au travail des enfants est renforcé, y compris une liste actualisée des travaux dangereux interdits aux moins de 18 ans.",
        "institutional-development": "Le ministère du Travail, l'inspection du travail et le Comité directeur national planifient, coordonnent et suivent la lutte contre le travail des enfants.",
        "direct-action": "{withdrawn} enfants sont retirés et {prevented} enfants sont protégés du travail grâce à l'éducation et à la formation.",
        "advocacy-awareness": "Les communautés, les employeurs, les travailleurs et les médias connaissent les méfaits du travail des enfants et agissent contre ses pires formes.",
        "social-services": "{families} familles d'enfants travailleurs ont accès à des activités génératrices de revenus, à la protection sociale et au microcrédit.",
    },
    "es": {
        "legislation-policy": "Se fortalece el marco legal y de políticas sobre trabajo infantil, incluido un listado actualizado de trabajos peligrosos prohibidos para menores de 18 años.",
        "institutional-development": "El Ministerio de Trabajo, la inspección del trabajo y la Comisión Nacional planifican, coordinan y monitorean la acción contra el trabajo infantil.",
        "direct-action": "{withdrawn} niños, niñas y adolescentes son retirados y {prevented} son prevenidos del trabajo infantil mediante servicios de educación y formación.",
        "advocacy-awareness": "Las comunidades, los empleadores, los trabajadores y los medios conocen el daño del trabajo infantil y actúan contra sus peores formas.",
        "social-services": "{families} familias de niños trabajadores acceden a actividades generadoras de ingresos, protección social y microcrédito.",
    },
}

# Notes of status moves (English: HQ records them).
STATUS_NOTES = {
    "pipeline": "Project document drafted with the constituents.",
    "approved": "Project document and budget approved by the donor.",
    "active": "Inception workshop held; activities started.",
    "suspended": "Activities suspended pending a review with the donor.",
    "resumed": "Activities resumed after the review.",
    "completed": "Operational activities completed; final technical report submitted.",
    "closed": "Financial closure: accounts audited and certified.",
    "cancelled": "Cancelled: funding did not materialize.",
}

# --------------------------------------------------------------------------------------
# Evaluations.
TIMING_WORDS = {
    "en": {"midterm": "mid-term", "final": "final", "expost": "ex-post"},
    "fr": {"midterm": "à mi-parcours", "final": "finale", "expost": "ex post"},
    "es": {"midterm": "intermedia", "final": "final", "expost": "ex post"},
}
EVALUATION_TITLES = {
    "en": "Independent {timing} evaluation: {title}",
    "fr": "Évaluation indépendante {timing} : {title}",
    "es": "Evaluación independiente {timing}: {title}",
}
EVALUATION_TITLES_INTERNAL = {
    "en": "Internal {timing} review: {title}",
    "fr": "Revue interne {timing} : {title}",
    "es": "Revisión interna {timing}: {title}",
}

EXECUTIVE_SUMMARIES = {
    "en": [
        "This {timing} evaluation assessed the project against the OECD-DAC criteria. The project is highly relevant to "
        "national priorities and to the ILO's Decent Work Country Programme. It reached most of its targets for children "
        "withdrawn and prevented from child labour, although delays in the first year and high staff turnover reduced "
        "efficiency. The integrated area-based approach, combining education, livelihood support and community "
        "monitoring, is the project's main strength; sustainability depends on the take-up of the child labour "
        "monitoring system by local government.",
        "The evaluation found a well-designed project that gave the ministry in charge of labour and the social partners "
        "a leading role. Policy results — the list of hazardous work, the National Action Plan and its budget line — "
        "are its most durable achievements. Direct action reached fewer children than planned in the remote districts, "
        "and the monitoring of children after withdrawal was weak.",
    ],
    "fr": [
        "Cette évaluation {timing} a apprécié le projet au regard des critères du CAD de l'OCDE. Le projet est très "
        "pertinent au regard des priorités nationales et du Programme par pays de promotion du travail décent. Il a "
        "atteint l'essentiel de ses cibles de retrait et de prévention, malgré des retards au démarrage. L'approche "
        "intégrée par zone, qui associe éducation, activités génératrices de revenus et surveillance communautaire, est "
        "sa principale force ; la durabilité dépend de la reprise du système de suivi par les collectivités locales.",
    ],
    "es": [
        "Esta evaluación {timing} valoró el proyecto según los criterios del CAD de la OCDE. El proyecto es muy "
        "pertinente para las prioridades nacionales y para el Programa de Trabajo Decente por País. Alcanzó la mayoría "
        "de sus metas de retiro y prevención, aunque los retrasos del primer año redujeron su eficiencia. El enfoque "
        "territorial integrado, que combina educación, apoyo a los medios de vida y monitoreo comunitario, es su "
        "principal fortaleza; la sostenibilidad depende de que los gobiernos locales asuman el sistema de monitoreo.",
    ],
}
PURPOSES = {
    "en": "The evaluation serves accountability to the donor and the constituents, and learning for IPEC's future projects. It assesses the project's relevance, coherence, effectiveness, efficiency, impact and sustainability, and identifies lessons learned and emerging good practices.",
    "fr": "L'évaluation répond à l'obligation de rendre compte au bailleur et aux mandants, et à l'apprentissage pour les futurs projets de l'IPEC. Elle apprécie la pertinence, la cohérence, l'efficacité, l'efficience, l'impact et la durabilité du projet, et dégage des enseignements et des bonnes pratiques émergentes.",
    "es": "La evaluación sirve a la rendición de cuentas ante el donante y los mandantes, y al aprendizaje para los futuros proyectos del IPEC. Valora la pertinencia, coherencia, eficacia, eficiencia, impacto y sostenibilidad del proyecto, e identifica lecciones aprendidas y buenas prácticas emergentes.",
}
SCOPES = {
    "en": "The evaluation covers the whole project period to date, all its components and its intervention areas in {country}.",
    "fr": "L'évaluation couvre toute la période du projet à ce jour, toutes ses composantes et ses zones d'intervention.",
    "es": "La evaluación abarca todo el período del proyecto hasta la fecha, todos sus componentes y sus zonas de intervención.",
}
METHODOLOGIES = {
    "en": "Desk review of project documents and technical progress reports; some 60 key-informant interviews with constituents, implementing partners and the donor; focus groups with children, parents and teachers in six communities; a stakeholder workshop to validate preliminary findings.",
    "fr": "Revue documentaire ; une soixantaine d'entretiens avec les mandants, les partenaires d'exécution et le bailleur ; groupes de discussion avec des enfants, des parents et des enseignants dans six communautés ; atelier de validation des constats préliminaires.",
    "es": "Revisión documental; unas 60 entrevistas a informantes clave (mandantes, socios ejecutores, donante); grupos focales con niños, niñas, padres y docentes en seis comunidades; taller de validación de los hallazgos preliminares.",
}
CONCLUSIONS = {
    "en": "The project made a significant contribution to national action against child labour. Its policy achievements are likely to last; its direct services need a clear hand-over to national and local institutions before the end of the project.",
    "fr": "Le projet a contribué de manière significative à l'action nationale contre le travail des enfants. Ses acquis politiques devraient perdurer ; ses services directs doivent être transférés aux institutions nationales et locales avant la fin du projet.",
    "es": "El proyecto contribuyó de manera significativa a la acción nacional contra el trabajo infantil. Sus logros de política probablemente perdurarán; sus servicios directos requieren una transferencia clara a las instituciones nacionales y locales antes del cierre.",
}

# Findings per OECD-DAC criterion; a few variants each, and the usual spread of ratings (6 best).
FINDINGS = {
    "en": {
        "relevance": [
            "The project responds to the priorities of the National Action Plan and of the Decent Work Country Programme, and to the needs identified by the baseline survey in the target districts.",
            "Design was participatory: the constituents validated the project document, and the targeting of the worst forms matched the national list of hazardous work.",
        ],
        "coherence": [
            "The project worked alongside UNICEF's child protection programme and the Ministry of Education's school-feeding scheme, avoiding duplication in the target districts.",
            "Coordination with other donors' projects on education and rural livelihoods was ad hoc; the National Steering Committee did not yet play its coordinating role.",
        ],
        "effectiveness": [
            "By the time of the evaluation the project had withdrawn or prevented about 85 per cent of the children targeted; girls made up half of the beneficiaries.",
            "Policy outputs were achieved — the hazardous work list was adopted and labour inspectors trained — but the child labour monitoring system covers only two of the five districts.",
        ],
        "efficiency": [
            "Delivery was slow in the first year (recruitment, late agreements with implementing partners) and caught up afterwards; the cost per child is in line with comparable IPEC projects.",
            "Funds were used as planned, but small action programmes with many partners raised transaction costs.",
        ],
        "impact": [
            "Participating communities now consider schooling up to age 15 the norm; employers in the target sector adopted a code of conduct.",
            "It is too early to measure a fall in the prevalence of child labour; the district-level data collected by the project point in that direction.",
        ],
        "sustainability": [
            "Local governments have included the monitoring committees in their budgets in three of five districts; elsewhere continuity is at risk.",
            "Sustainability is likely for the policy results, uncertain for the livelihood services, which depend on continued micro-credit funding.",
        ],
    },
    "fr": {
        "relevance": [
            "Le projet répond aux priorités du Plan d'action national et aux besoins identifiés par l'étude de base dans les zones d'intervention."
        ],
        "coherence": [
            "Le projet s'articule avec le programme de protection de l'enfance de l'UNICEF ; la coordination avec les autres bailleurs reste informelle."
        ],
        "effectiveness": [
            "Environ 80 % des enfants ciblés ont été retirés ou protégés du travail ; les filles représentent la moitié des bénéficiaires."
        ],
        "efficiency": [
            "Le démarrage a été lent (recrutement, conventions tardives avec les partenaires d'exécution) ; le coût par enfant est comparable à celui des autres projets de l'IPEC."
        ],
        "impact": [
            "Les communautés participantes considèrent désormais la scolarisation jusqu'à 15 ans comme la norme ; les coopératives ont adopté un code de conduite."
        ],
        "sustainability": [
            "Les comités de surveillance villageois sont inscrits au budget de trois communes sur cinq ; ailleurs, leur continuité est incertaine."
        ],
    },
    "es": {
        "relevance": [
            "El proyecto responde a las prioridades de la Estrategia Nacional y a las necesidades identificadas en la línea de base de las zonas de intervención."
        ],
        "coherence": [
            "El proyecto se articuló con los programas sociales del Estado y con las iniciativas de UNICEF; la coordinación con otros donantes fue puntual."
        ],
        "effectiveness": [
            "Se retiró o previno del trabajo infantil a cerca del 85 % de los niños, niñas y adolescentes previstos; las niñas representan la mitad."
        ],
        "efficiency": [
            "La ejecución fue lenta el primer año y luego se recuperó; el costo por beneficiario es comparable al de otros proyectos del IPEC."
        ],
        "impact": [
            "Las comunidades participantes asumen hoy la escolaridad hasta los 15 años como norma; las empresas del sector adoptaron un código de conducta."
        ],
        "sustainability": [
            "Los gobiernos municipales incorporaron los comités de monitoreo en su presupuesto en tres de cinco municipios; en los demás la continuidad está en riesgo."
        ],
    },
}
RATING_WEIGHTS = {
    "relevance": (0, 0, 1, 2, 6, 4),  # weights of ratings 1..6
    "coherence": (0, 1, 2, 4, 5, 1),
    "effectiveness": (0, 1, 2, 4, 5, 2),
    "efficiency": (0, 1, 3, 5, 4, 1),
    "impact": (0, 1, 2, 5, 4, 1),
    "sustainability": (1, 2, 4, 5, 3, 1),
}

# (text, addressee, priority, timeframe)
RECOMMENDATIONS = {
    "en": [
        (
            "Hand over the child labour monitoring system to the district labour offices with a costed transition plan before the project ends.",
            "ILO-IPEC and the Ministry of Labour",
            "high",
            "Short term (within 6 months)",
        ),
        (
            "Include a budget line for the National Action Plan on child labour in the national budget, and report on its use each year.",
            "Government",
            "high",
            "Medium term (within 12 months)",
        ),
        (
            "Follow up every child withdrawn for at least twelve months, recording school attendance, so that relapse into work can be measured.",
            "Implementing partners",
            "medium",
            "Short term (within 6 months)",
        ),
        (
            "Reduce the number of small action programmes and contract fewer partners for larger areas, to lower transaction costs.",
            "ILO-IPEC",
            "medium",
            "For the next phase",
        ),
        (
            "Involve employers' organizations and the main buyers of the sector in a joint code of conduct with independent monitoring.",
            "Employers' organizations",
            "medium",
            "Medium term (within 12 months)",
        ),
        (
            "Train trade union organizers to detect child labour in the informal economy and refer children to services.",
            "Workers' organizations",
            "low",
            "Medium term (within 12 months)",
        ),
        (
            "Publish the results of the national child labour survey with the disaggregation by sex, age band and sector needed for targeting.",
            "National Statistics Office",
            "medium",
            "Short term (within 6 months)",
        ),
    ],
    "fr": [
        (
            "Transférer le système de suivi du travail des enfants aux directions régionales du travail selon un plan de transition chiffré.",
            "BIT-IPEC et ministère du Travail",
            "high",
            "Court terme (6 mois)",
        ),
        (
            "Inscrire une ligne budgétaire pour le Plan d'action national dans la loi de finances.",
            "Gouvernement",
            "high",
            "Moyen terme (12 mois)",
        ),
        (
            "Assurer le suivi scolaire de chaque enfant retiré pendant au moins douze mois.",
            "Partenaires d'exécution",
            "medium",
            "Court terme (6 mois)",
        ),
        (
            "Associer les coopératives et les exportateurs à un mécanisme de traçabilité sans travail des enfants.",
            "Organisations d'employeurs",
            "medium",
            "Moyen terme (12 mois)",
        ),
    ],
    "es": [
        (
            "Transferir el sistema de monitoreo del trabajo infantil a las direcciones regionales de trabajo con un plan de transición presupuestado.",
            "OIT-IPEC y Ministerio de Trabajo",
            "high",
            "Corto plazo (6 meses)",
        ),
        (
            "Asignar una partida presupuestaria específica a la Estrategia Nacional de prevención y erradicación del trabajo infantil.",
            "Gobierno",
            "high",
            "Mediano plazo (12 meses)",
        ),
        (
            "Dar seguimiento escolar a cada niño, niña y adolescente retirado durante al menos doce meses.",
            "Socios ejecutores",
            "medium",
            "Corto plazo (6 meses)",
        ),
        (
            "Promover con las cámaras empresariales un sello de producción libre de trabajo infantil con verificación independiente.",
            "Organizaciones de empleadores",
            "medium",
            "Mediano plazo (12 meses)",
        ),
    ],
}
RESPONSE_COMMENTS = {
    "en": {
        "accepted": "Accepted. Included in the work plan of the next phase; HQ will follow up at the annual review.",
        "partially": "Partially accepted: the ministry agrees in principle, but the budget cycle does not allow it before next year.",
        "rejected": "Not accepted: this is outside the project's mandate and is being addressed by another programme.",
    },
    "fr": {
        "accepted": "Acceptée. Intégrée au plan de travail de la phase suivante.",
        "partially": "Partiellement acceptée : accord de principe, mais le cycle budgétaire ne le permet pas avant l'an prochain.",
        "rejected": "Non acceptée : hors du mandat du projet.",
    },
    "es": {
        "accepted": "Aceptada. Incluida en el plan de trabajo de la siguiente fase.",
        "partially": "Aceptada parcialmente: hay acuerdo de principio, pero el ciclo presupuestario no lo permite antes del próximo año.",
        "rejected": "No aceptada: fuera del mandato del proyecto.",
    },
}

LESSONS = {
    "en": [
        {
            "title": "Withdrawal without a school place leads to relapse",
            "description": "Children withdrawn from work before a suitable school or training place was available often returned to work within months.",
            "context": "Remote rural districts where the nearest secondary school is more than ten kilometres away.",
            "challenges": "Bridging classes started late; transport costs were not budgeted.",
            "causal_factors": "Sequencing of withdrawal before the education component was ready.",
            "targeted_users": "Project designers, implementing partners, ministries of education.",
            "success": "Where bridging classes were ready at withdrawal, 90 per cent of the children were still in school a year later.",
            "administrative_issues": "Agreements with education partners must be signed before the first withdrawals.",
        },
        {
            "title": "Community child labour monitoring works when it is owned by local government",
            "description": "Monitoring committees set up by NGOs stopped meeting when project funding ended, unless local government had included them in its plans and budget.",
            "context": "Decentralized countries where districts plan and budget social services.",
            "challenges": "Local officials change often; committees depend on volunteers.",
            "causal_factors": "Ownership, not training, determined whether committees survived.",
            "targeted_users": "Local governments, ministries of labour, IPEC project managers.",
            "success": "Districts that budgeted the committees kept them running three years after the project.",
            "administrative_issues": "",
        },
        {
            "title": "Livelihood support must reach the family, not only the child",
            "description": "Education support alone did not keep children out of work in households whose income fell after withdrawal.",
            "context": "Cash-crop agriculture with seasonal peaks of labour demand.",
            "challenges": "Micro-credit schemes were slow to reach the poorest households.",
            "causal_factors": "Household income shocks at harvest time.",
            "targeted_users": "Project designers, micro-finance partners.",
            "success": "Families in savings groups were half as likely to send children back to work.",
            "administrative_issues": "",
        },
        {
            "title": "A hazardous work list is only as good as its enforcement",
            "description": "The adoption of the list of hazardous work was a major policy result, but labour inspectors lacked the mandate and means to enforce it in the informal economy.",
            "context": "Most child labour is in family farms and informal enterprises outside the inspectorate's usual reach.",
            "challenges": "Inspection visits to rural areas were rare and unfunded.",
            "causal_factors": "Legal reform was not matched by investment in the inspectorate.",
            "targeted_users": "Ministries of labour, labour inspectorates, social partners.",
            "success": "Joint visits of inspectors with community monitors reached informal workplaces.",
            "administrative_issues": "",
        },
        {
            "title": "Surveys are used when users are involved from the design",
            "description": "National child labour survey results were used for policy where the ministry and the social partners had helped design the questionnaire and the tabulation plan.",
            "context": "National statistics offices with limited experience of child labour measurement.",
            "challenges": "Delays in data processing; results published long after fieldwork.",
            "causal_factors": "Early involvement of users created demand for the results.",
            "targeted_users": "National statistics offices, SIMPOC, ministries of labour.",
            "success": "The survey's hazardous work estimates were used to set targets of the National Action Plan.",
            "administrative_issues": "Data-sharing agreements should be signed at the start.",
        },
        {
            "title": "Employers engage when child labour is a supply-chain risk",
            "description": "Employers' organizations took an active role once buyers began asking for child-labour-free sourcing.",
            "context": "Export-oriented sectors (cocoa, garments, carpets, seafood).",
            "challenges": "Small producers saw compliance as a cost without a premium.",
            "causal_factors": "Market pressure, not awareness raising alone.",
            "targeted_users": "Employers' organizations, companies, IPEC project managers.",
            "success": "A sector code of conduct with independent monitoring was adopted.",
            "administrative_issues": "",
        },
    ],
    "fr": [
        {
            "title": "Le retrait sans place à l'école entraîne des rechutes",
            "description": "Les enfants retirés du travail avant qu'une place scolaire ou de formation soit disponible sont souvent retournés au travail en quelques mois.",
            "context": "Zones rurales éloignées, sans collège à moins de dix kilomètres.",
            "challenges": "Les classes passerelles ont démarré tard ; le transport n'était pas budgétisé.",
            "causal_factors": "Le retrait a précédé la mise en place de l'offre éducative.",
            "targeted_users": "Concepteurs de projets, partenaires d'exécution, ministères de l'Éducation.",
            "success": "Là où les classes passerelles étaient prêtes, 90 % des enfants étaient encore scolarisés un an plus tard.",
            "administrative_issues": "Les conventions avec les partenaires éducatifs doivent être signées avant les premiers retraits.",
        },
        {
            "title": "Les comités villageois durent quand la commune se les approprie",
            "description": "Les comités de surveillance créés par les ONG ont cessé de se réunir à la fin du financement, sauf là où la commune les avait inscrits à son budget.",
            "context": "Pays décentralisés où les communes planifient les services sociaux.",
            "challenges": "Rotation des élus ; comités reposant sur le bénévolat.",
            "causal_factors": "L'appropriation, plus que la formation, a déterminé la survie des comités.",
            "targeted_users": "Collectivités locales, ministères du Travail, gestionnaires de projets.",
            "success": "Les communes qui ont budgétisé les comités les ont maintenus trois ans après le projet.",
            "administrative_issues": "",
        },
    ],
    "es": [
        {
            "title": "Retirar sin cupo escolar lleva a la reincidencia",
            "description": "Los niños retirados del trabajo antes de contar con un cupo escolar o de formación volvieron a trabajar en pocos meses.",
            "context": "Zonas rurales alejadas, sin colegio secundario a menos de diez kilómetros.",
            "challenges": "Las aulas de nivelación empezaron tarde; no se presupuestó el transporte.",
            "causal_factors": "El retiro se adelantó a la oferta educativa.",
            "targeted_users": "Diseñadores de proyectos, socios ejecutores, ministerios de educación.",
            "success": "Donde las aulas de nivelación estaban listas, el 90 % seguía escolarizado un año después.",
            "administrative_issues": "Los convenios con los socios educativos deben firmarse antes de los primeros retiros.",
        },
        {
            "title": "El sector privado se compromete cuando el trabajo infantil es un riesgo comercial",
            "description": "Las cámaras empresariales asumieron un papel activo cuando los compradores empezaron a exigir una producción libre de trabajo infantil.",
            "context": "Sectores exportadores (café, flores, minería de oro).",
            "challenges": "Los pequeños productores veían el cumplimiento como un costo sin prima.",
            "causal_factors": "La presión del mercado, no solo la sensibilización.",
            "targeted_users": "Organizaciones de empleadores, empresas, gestores de proyectos.",
            "success": "Se adoptó un sello sectorial con verificación independiente.",
            "administrative_issues": "",
        },
    ],
}

GOOD_PRACTICES = {
    "en": [
        {
            "title": "Integrated area-based approach to child-labour-free zones",
            "summary": "All children of a district, not only those in a target sector, are brought into school, with community monitoring, livelihood support and local government ownership.",
            "conditions": "A committed district administration and a functioning primary school network.",
            "cause_effect": "Treating the district as a whole avoids displacement of child labour from one sector to another.",
            "measurable_impact": "Child labour in the pilot districts fell markedly between the baseline and the end-line surveys; school enrolment rose.",
            "replication_potential": "High: adopted by the national programme in further districts.",
        },
        {
            "title": "Bridging classes for children withdrawn from work",
            "summary": "Six- to nine-month accelerated classes bring over-age children back to the grade level of their peers before they join formal school.",
            "conditions": "Teachers trained in accelerated learning; agreement of the education authorities to admit graduates.",
            "cause_effect": "Children who would drop out of a class of much younger pupils stay in school.",
            "measurable_impact": "Nine out of ten graduates enrolled in formal school.",
            "replication_potential": "High, at low cost, where education authorities accept the graduates.",
        },
        {
            "title": "Joint inspection visits of labour inspectors and community monitors",
            "summary": "Community monitors guide labour inspectors to informal workplaces; inspectors give their findings legal weight.",
            "conditions": "A labour inspectorate willing to work with community structures; transport budget.",
            "cause_effect": "Inspection reaches workplaces where most child labour takes place.",
            "measurable_impact": "Several hundred children found in hazardous work were referred to services.",
            "replication_potential": "Medium: depends on inspectorate resources.",
        },
    ],
    "fr": [
        {
            "title": "Classes passerelles pour les enfants retirés du travail",
            "summary": "Des classes accélérées de six à neuf mois permettent aux enfants trop âgés de rejoindre l'école formelle au niveau de leurs pairs.",
            "conditions": "Enseignants formés ; accord de l'inspection de l'enseignement pour admettre les sortants.",
            "cause_effect": "Les enfants ne décrochent plus d'une classe d'élèves beaucoup plus jeunes.",
            "measurable_impact": "Neuf sortants sur dix se sont inscrits à l'école formelle.",
            "replication_potential": "Forte, à faible coût.",
        },
    ],
    "es": [
        {
            "title": "Mesas regionales de erradicación del trabajo infantil con presupuesto propio",
            "summary": "Las mesas regionales, con participación tripartita y de la sociedad civil, aprueban un plan operativo anual financiado por el gobierno regional.",
            "conditions": "Gobiernos regionales con competencias en protección de la niñez.",
            "cause_effect": "El presupuesto propio asegura la continuidad de las acciones tras el proyecto.",
            "measurable_impact": "Cinco regiones mantienen sus planes operativos dos años después del cierre.",
            "replication_potential": "Alta en países descentralizados.",
        },
    ],
}

# Committee business.
COMMITTEE_NAMES = {
    "en": "National Steering Committee on Child Labour – {country}",
    "fr": "Comité directeur national de lutte contre le travail des enfants – {country}",
    "es": "Comisión Nacional para la Erradicación del Trabajo Infantil – {country}",
}
ADVISORY_COMMITTEE_NAME = "Project Advisory Committee – {code}"
MEMBER_TITLES = {
    "en": {"government": "Permanent Secretary", "employers": "Executive Director", "workers": "General Secretary", "other": "Executive Director", "secretary": "National Programme Coordinator, ILO-IPEC"},
    "fr": {"government": "Directeur général du Travail", "employers": "Secrétaire exécutif", "workers": "Secrétaire général", "other": "Coordonnateur", "secretary": "Coordonnateur national, BIT-IPEC"},
    "es": {"government": "Viceministro de Trabajo", "employers": "Director Ejecutivo", "workers": "Secretario General", "other": "Coordinadora", "secretary": "Coordinadora Nacional, OIT-IPEC"},
}  # fmt: skip
AGENDAS = {
    "en": [
        "1. Adoption of the agenda and of the minutes of the last meeting\n2. Progress report of the IPEC programme\n3. Approval of new action programmes\n4. Any other business",
        "1. Review of the National Action Plan on child labour\n2. Presentation of the child labour survey results\n3. Draft list of hazardous work\n4. Calendar of the World Day Against Child Labour",
        "1. Findings of the mid-term evaluation\n2. Management response and follow-up\n3. Work plan and budget for the coming year",
    ],
    "fr": [
        "1. Adoption de l'ordre du jour et du procès-verbal\n2. Rapport d'avancement du programme IPEC\n3. Approbation des nouveaux programmes d'action\n4. Divers",
        "1. Examen du Plan d'action national\n2. Résultats de l'enquête nationale sur le travail des enfants\n3. Projet de liste des travaux dangereux",
    ],
    "es": [
        "1. Aprobación del orden del día y del acta anterior\n2. Informe de avance del programa IPEC\n3. Aprobación de nuevos programas de acción\n4. Varios",
        "1. Revisión de la Estrategia Nacional\n2. Resultados de la encuesta nacional de trabajo infantil\n3. Proyecto de listado de trabajos peligrosos",
    ],
}
DECISIONS = {
    "en": [
        "The Committee approved three new action programmes and asked the secretariat to circulate the revised work plan.",
        "The Committee endorsed the draft list of hazardous work for submission to the Minister.",
        "The Committee took note of the evaluation findings and set up a working group to follow up its recommendations.",
    ],
    "fr": [
        "Le Comité a approuvé trois nouveaux programmes d'action et demandé au secrétariat de diffuser le plan de travail révisé.",
        "Le Comité a validé le projet de liste des travaux dangereux en vue de sa transmission au Ministre.",
    ],
    "es": [
        "La Comisión aprobó tres nuevos programas de acción y pidió a la secretaría técnica circular el plan de trabajo revisado.",
        "La Comisión validó el proyecto de listado de trabajos peligrosos para su remisión al Ministro.",
    ],
}

# --------------------------------------------------------------------------------------
# Technical progress reports: the CTA's narrative of a period, in the project's language.
# Placeholders: {withdrawn}, {prevented}, {families} (the period's figures), {city}.
REPORT_NARRATIVES = {
    "en": [
        "In the period, implementing partners withdrew {withdrawn} children from child labour and prevented {prevented} more "
        "through enrolment in school and non-formal education in and around {city}; {families} families joined livelihood "
        "activities. The community child labour monitoring committees met monthly and referred new cases to the district "
        "education office.",
        "Direct action continued in the target communities: {withdrawn} children were withdrawn from work and {prevented} "
        "children at risk were enrolled in school or vocational training. {families} families received support for "
        "income-generating activities. Labour inspectors carried out joint visits with the project team in {city}.",
        "The project consolidated its services: bridging classes, school kits and vocational training reached {withdrawn} "
        "children withdrawn from work and {prevented} children at risk, and {families} households were assisted through "
        "savings groups and micro-credit. The baseline data were updated with the district authorities.",
    ],
    "fr": [
        "Au cours de la période, les partenaires d'exécution ont retiré {withdrawn} enfants du travail et en ont protégé "
        "{prevented} autres grâce à la scolarisation et à l'éducation non formelle dans la région de {city} ; {families} "
        "familles ont bénéficié d'activités génératrices de revenus. Les comités de surveillance communautaires se sont "
        "réunis chaque mois.",
        "Les actions directes se sont poursuivies : {withdrawn} enfants retirés du travail, {prevented} enfants à risque "
        "scolarisés ou en formation professionnelle et {families} familles appuyées par des groupements d'épargne. "
        "L'inspection du travail a mené des visites conjointes avec l'équipe du projet à {city}.",
    ],
    "es": [
        "En el período, los socios ejecutores retiraron del trabajo a {withdrawn} niños, niñas y adolescentes y previnieron "
        "a {prevented} más mediante la matrícula escolar y la educación no formal en {city} y alrededores; {families} "
        "familias participaron en actividades de generación de ingresos. Los comités comunitarios de vigilancia se "
        "reunieron cada mes.",
        "Continuó la acción directa: {withdrawn} niños, niñas y adolescentes retirados del trabajo, {prevented} en riesgo "
        "matriculados en la escuela o en formación profesional y {families} familias apoyadas con grupos de ahorro y "
        "microcrédito. La inspección del trabajo realizó visitas conjuntas con el equipo del proyecto en {city}.",
    ],
}
# Projects without direct action (policy, research, advocacy): no children figures.
REPORT_NARRATIVES_POLICY = {
    "en": [
        "The project supported the ministry in charge of labour in revising the list of hazardous work prohibited to "
        "children and trained labour inspectors and district officials in {city}. The National Steering Committee "
        "reviewed the draft National Action Plan.",
        "Awareness raising continued through radio programmes and community meetings in {city}; the employers' and "
        "workers' organizations adopted a joint declaration against child labour. The research component completed its "
        "fieldwork and shared preliminary results with the constituents.",
    ],
    "fr": [
        "Le projet a appuyé le ministère du Travail dans la révision de la liste des travaux dangereux interdits aux "
        "enfants et formé des inspecteurs du travail et des agents des collectivités à {city}. Le Comité directeur "
        "national a examiné le projet de Plan d'action national.",
    ],
    "es": [
        "El proyecto apoyó al Ministerio de Trabajo en la revisión del listado de trabajos peligrosos prohibidos para "
        "menores y capacitó a inspectores del trabajo y funcionarios locales en {city}. La Comisión Nacional revisó el "
        "borrador de la Estrategia Nacional.",
    ],
}
REPORT_NARRATIVES_INCEPTION = {
    "en": "Inception phase: the project team was recruited, the project office opened in {city}, agreements were signed "
    "with the implementing partners and the baseline survey was launched. Direct services started at the end of the "
    "period.",
    "fr": "Phase de démarrage : l'équipe du projet a été recrutée, le bureau ouvert à {city}, les conventions signées "
    "avec les partenaires d'exécution et l'étude de base lancée. Les services directs ont commencé en fin de période.",
    "es": "Fase de arranque: se contrató al equipo, se abrió la oficina del proyecto en {city}, se firmaron los convenios "
    "con los socios ejecutores y se inició el estudio de línea de base. Los servicios directos comenzaron al final del "
    "período.",
}
REPORT_NARRATIVES_SUSPENDED = {
    "en": "Activities remained suspended throughout the period. The project team kept in contact with the partners, "
    "safeguarded the project's assets and prepared a revised work plan for the donor; no new children were enrolled.",
    "fr": "Les activités sont restées suspendues pendant toute la période. L'équipe a maintenu le contact avec les "
    "partenaires, protégé les biens du projet et préparé un plan de travail révisé pour le bailleur ; aucun nouvel "
    "enfant n'a été inscrit.",
    "es": "Las actividades permanecieron suspendidas durante todo el período. El equipo mantuvo el contacto con los "
    "socios, resguardó los bienes del proyecto y preparó un plan de trabajo revisado para el donante; no se inscribieron "
    "nuevos niños.",
}
REPORT_NARRATIVES_FINAL = {
    "en": "Final period: services were handed over to the district authorities and the implementing partners, the "
    "monitoring committees were integrated into local government structures and the final beneficiary database was "
    "delivered to the ministry in charge of labour.",
    "fr": "Dernière période : les services ont été transférés aux collectivités et aux partenaires d'exécution, les "
    "comités de surveillance intégrés aux structures locales et la base de données des bénéficiaires remise au "
    "ministère du Travail.",
    "es": "Período final: los servicios se transfirieron a las autoridades locales y a los socios ejecutores, los "
    "comités de vigilancia se integraron a las estructuras municipales y la base de datos de beneficiarios se entregó "
    "al Ministerio de Trabajo.",
}
# A draft the CTA has started but not finished.
REPORT_DRAFT_NOTES = {
    "en": "Draft: figures from the partners in {city} still to be consolidated; narrative to be completed.",
    "fr": "Brouillon : chiffres des partenaires de {city} à consolider ; narratif à compléter.",
    "es": "Borrador: cifras de los socios de {city} por consolidar; narrativa por completar.",
}
REPORT_CHALLENGES = {
    "en": [
        "High turnover of teachers in the bridging schools; late transfer of funds to two implementing partners.",
        "Seasonal migration of families during the harvest takes children out of school for several weeks.",
        "Insecurity limited field visits in part of the intervention area.",
        "Delays in the adoption of the hazardous work list by the Council of Ministers.",
    ],
    "fr": [
        "Rotation élevée des enseignants des classes passerelles ; retards de décaissement à deux partenaires.",
        "Les migrations saisonnières pendant les récoltes éloignent les enfants de l'école plusieurs semaines.",
        "L'insécurité a limité les visites de terrain dans une partie de la zone d'intervention.",
    ],
    "es": [
        "Alta rotación de docentes en las aulas puente; retrasos en las transferencias a dos socios ejecutores.",
        "La migración estacional de las familias durante la cosecha aleja a los niños de la escuela varias semanas.",
        "La inseguridad limitó las visitas de campo en parte de la zona de intervención.",
    ],
}
REPORT_NEXT_STEPS = {
    "en": [
        "Extend the monitoring system to two more districts; train the new labour inspectors; prepare the mid-term review.",
        "Sign the second round of action programmes; hold the Project Advisory Committee; document good practices.",
        "Hand over the bridging classes to the district education office; start the exit strategy with the partners.",
    ],
    "fr": [
        "Étendre le système de suivi à deux nouveaux districts ; former les nouveaux inspecteurs ; préparer la revue à mi-parcours.",
        "Signer la deuxième série de programmes d'action ; réunir le comité consultatif ; documenter les bonnes pratiques.",
    ],
    "es": [
        "Ampliar el sistema de monitoreo a dos distritos más; capacitar a los nuevos inspectores; preparar la revisión intermedia.",
        "Firmar la segunda ronda de programas de acción; reunir el comité asesor; documentar buenas prácticas.",
    ],
}
# HQ's comment when it returns a report to the CTA.
REPORT_RETURN_COMMENTS = {
    "en": [
        "The figures for girls aged 15–17 do not match the partners' reports in annex; please check them and explain the drop in children prevented.",
        "Please describe the measures taken on the delays of the implementing partners and add the next steps for the coming period.",
        "The narrative does not say how the children withdrawn in earlier periods were followed up; please complete it.",
    ],
    "fr": [
        "Les chiffres des filles de 15 à 17 ans ne correspondent pas aux rapports des partenaires en annexe ; merci de les vérifier.",
        "Merci de préciser les mesures prises face aux retards des partenaires et d'ajouter les prochaines étapes.",
    ],
    "es": [
        "Las cifras de niñas de 15 a 17 años no coinciden con los informes de los socios en anexo; por favor revíselas.",
        "Por favor describa las medidas tomadas ante los retrasos de los socios y agregue los próximos pasos.",
    ],
}
