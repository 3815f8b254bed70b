"""Texts of the demo data in fi/sv/en: service types, activities, professionals, holidays and
word lists for fictional names and addresses. Plain data, no Django."""

from dataclasses import dataclass, field

# (fi, sv, en)
Tri = tuple[str, str, str]

FICTIONAL_ORGANISATION: Tri = (
    "Kuvitteellinen esimerkkitoimija – demo data. Nimi, palvelut, osoitteet ja tunnukset eivät "
    "ole todellisia.",
    "Fiktiv exempelaktör – demodata. Namn, tjänster, adresser och signum är inte verkliga.",
    "Fictional example organisation – demo data. Its name, services, addresses and identifiers "
    "are not real.",
)
REAL_NAME_ORGANISATION: Tri = (
    "Nimi on todellinen, mutta palvelut, osoitteet, yhteystiedot ja y-tunnus ovat kuvitteellista "
    "demo dataa.",
    "Namnet är verkligt, men tjänsterna, adresserna, kontaktuppgifterna och FO-numret är fiktiva "
    "demodata.",
    "The name is real, but the services, addresses, contact details and business ID are fictional "
    "demo data.",
)
AREA_DESCRIPTION: Tri = (
    "Demo data: alue on muodostettu perhekeskusmallin väestöpohjasäännöllä yhtenäisistä kunnista "
    "tai suuren kaupungin postinumeroalueista.",
    "Demodata: området har bildats enligt familjecentralmodellens befolkningsregel av "
    "sammanhängande kommuner eller av en stor stads postnummerområden.",
    "Demo data: the area was drawn by the family centre model's population rule from neighbouring "
    "municipalities or from a large city's postal code areas.",
)


@dataclass(frozen=True)
class ServiceText:
    """How a service of one type reads and behaves; ages in months (negative: pregnancy)."""

    name: Tri
    summary: Tri
    description: Tri
    ages: tuple[int, int] | None
    channels: tuple[str, ...]
    targets: tuple[str, ...]
    referral: bool = False
    anonymous: bool = False
    cost: str = "free"
    contact: Tri = (
        "Ajanvaraus ja neuvonta",
        "Tidsbokning och rådgivning",
        "Appointments and advice",
    )
    # Other services of the same type (a name and a summary each), e.g. Kela's several benefits.
    variants: tuple[tuple[Tri, Tri], ...] = field(default=())


SERVICE_TEXTS: dict[str, ServiceText] = {
    "maternity_clinic": ServiceText(
        ("Äitiysneuvola", "Mödrarådgivningen", "Maternity clinic"),
        (
            "Raskauden seuranta ja tuki koko odottavalle perheelle.",
            "Uppföljning av graviditeten och stöd för hela den väntande familjen.",
            "Pregnancy check-ups and support for the whole expecting family.",
        ),
        (
            "Terveydenhoitaja ja lääkäri seuraavat raskauden etenemistä, odottavan äidin ja sikiön "
            "vointia sekä koko perheen hyvinvointia. Neuvolassa valmistaudutaan synnytykseen ja "
            "vauvan tuloon, ja kumppani on tervetullut mukaan käynneille.",
            "Hälsovårdaren och läkaren följer graviditeten, den blivande mammans och fostrets "
            "hälsa "
            "och hela familjens välmående. På rådgivningen förbereder ni er för förlossningen och "
            "barnets ankomst, och partnern är välkommen med på besöken.",
            "A public health nurse and a doctor follow the pregnancy, the health of the mother and "
            "the baby, and the wellbeing of the whole family. The clinic helps you prepare for the "
            "birth and the baby, and partners are welcome to the visits.",
        ),
        (-9, -1),
        ("in_person", "phone", "home_visit", "e_service"),
        ("expecting", "families"),
    ),
    "child_health_clinic": ServiceText(
        ("Lastenneuvola", "Barnrådgivningen", "Child health clinic"),
        (
            "Alle kouluikäisen lapsen kasvun ja kehityksen seuranta sekä vanhemmuuden tuki.",
            "Uppföljning av tillväxt och utveckling för barn under skolåldern och stöd i "
            "föräldraskapet.",
            "Check-ups of growth and development for children under school age, and support in "
            "parenting.",
        ),
        (
            "Lastenneuvolassa seurataan lapsen kasvua, kehitystä ja terveyttä määräaikaisissa "
            "terveystarkastuksissa. Laajoissa terveystarkastuksissa huomioidaan koko perheen "
            "hyvinvointi. Rokotukset annetaan kansallisen rokotusohjelman mukaan.",
            "På barnrådgivningen följs barnets tillväxt, utveckling och hälsa vid regelbundna "
            "hälsogranskningar. Vid de omfattande hälsogranskningarna beaktas hela familjens "
            "välmående. Vaccinationerna ges enligt det nationella vaccinationsprogrammet.",
            "The clinic follows the child's growth, development and health at regular check-ups. "
            "The extensive check-ups look at the wellbeing of the whole family. Vaccinations "
            "follow "
            "the national vaccination programme.",
        ),
        (0, 83),
        ("in_person", "phone", "home_visit", "e_service"),
        ("families", "children", "parents"),
    ),
    "school_health_care": ServiceText(
        ("Kouluterveydenhuolto", "Skolhälsovården", "School health care"),
        (
            "Koululaisten terveystarkastukset ja terveydenhoitajan vastaanotto koululla.",
            "Hälsogranskningar för skolelever och hälsovårdarens mottagning i skolan.",
            "Health check-ups for pupils and the school nurse's drop-in hours at school.",
        ),
        (
            "Kouluterveydenhoitaja ja -lääkäri tekevät terveystarkastukset jokaisella "
            "vuosiluokalla. Terveydenhoitajan avoimelle vastaanotolle voi tulla ilman "
            "ajanvarausta.",
            "Skolhälsovårdaren och skolläkaren gör hälsogranskningar i varje årskurs. Till "
            "hälsovårdarens öppna mottagning kan man komma utan tidsbokning.",
            "The school nurse and doctor hold health check-ups in every year of school. Pupils may "
            "come to the nurse's open hours without an appointment.",
        ),
        (84, 203),
        ("in_person", "phone"),
        ("children", "families"),
    ),
    "student_health_care": ServiceText(
        ("Opiskeluterveydenhuolto", "Studerandehälsovården", "Student health care"),
        (
            "Terveydenhoitajan ja lääkärin palvelut lukiolaisille ja ammattiin opiskeleville.",
            "Hälsovårdarens och läkarens tjänster för studerande i gymnasiet och "
            "yrkesutbildningen.",
            "Nurse and doctor services for students in upper secondary and vocational education.",
        ),
        (
            "Opiskeluterveydenhuolto tukee opiskelijan terveyttä, hyvinvointia ja opiskelukykyä. "
            "Vastaanotolla voi puhua myös jaksamisesta, ihmissuhteista ja seksuaaliterveydestä.",
            "Studerandehälsovården stöder de studerandes hälsa, välmående och studieförmåga. På "
            "mottagningen kan man också tala om ork, relationer och sexuell hälsa.",
            "Student health care supports students' health, wellbeing and ability to study. You "
            "can also talk about coping, relationships and sexual health.",
        ),
        (180, 359),
        ("in_person", "phone", "chat"),
        ("young_people",),
    ),
    "sexual_health_clinic": ServiceText(
        ("Seksuaaliterveysneuvola", "Sexualhälsomottagningen", "Sexual health clinic"),
        (
            "Ehkäisyneuvontaa ja seksuaaliterveyden palveluja nuorille ja nuorille aikuisille.",
            "Preventivmedelsrådgivning och tjänster inom sexuell hälsa för unga och unga vuxna.",
            "Contraception advice and sexual health services for young people and young adults.",
        ),
        (
            "Neuvolassa saat tietoa ehkäisystä, seksitautien testauksesta ja seksuaalisuudesta. "
            "Voit kysyä nimettömästi myös chatissa.",
            "På mottagningen får du information om preventivmedel, testning för sexuellt "
            "överförbara sjukdomar och sexualitet. Du kan också fråga anonymt i chatten.",
            "Get advice on contraception, testing for sexually transmitted infections and "
            "sexuality. You can also ask anonymously in the chat.",
        ),
        (156, 359),
        ("in_person", "phone", "chat"),
        ("young_people",),
        anonymous=True,
    ),
    "dental_care": ServiceText(
        (
            "Lasten ja nuorten suun terveydenhuolto",
            "Munhälsovården för barn och unga",
            "Oral health care for children and young people",
        ),
        (
            "Hammashoitolan tarkastukset ja hoito alle 18-vuotiaille.",
            "Undersökningar och vård vid tandkliniken för personer under 18 år.",
            "Dental check-ups and treatment for everyone under 18.",
        ),
        (
            "Suun terveystarkastukset tehdään ikäkausittain, ja kiireettömän hoidon ajan voi "
            "varata "
            "puhelimitse. Suuhygienisti vierailee myös neuvolan perhevalmennuksessa.",
            "Munhälsogranskningar görs enligt ålder, och tid för icke-brådskande vård kan bokas "
            "per telefon. Munhygienisten besöker också rådgivningens familjeförberedelse.",
            "Oral health check-ups follow the child's age, and non-urgent appointments can be "
            "booked by phone. A dental hygienist also visits the clinic's antenatal classes.",
        ),
        (0, 215),
        ("in_person", "phone"),
        ("children", "young_people", "families"),
    ),
    "family_social_work": ServiceText(
        (
            "Lapsiperheiden sosiaalityö",
            "Socialt arbete för barnfamiljer",
            "Social work for families with children",
        ),
        (
            "Sosiaalityöntekijän ja -ohjaajan tuki perheen arjen haasteisiin.",
            "Stöd av socialarbetare och socialhandledare i familjens vardagliga utmaningar.",
            "Support from a social worker and counsellor for everyday challenges of the family.",
        ),
        (
            "Sosiaaliohjaaja arvioi yhdessä perheen kanssa tuen tarpeen ja sopii sopivista "
            "palveluista, kuten perhetyöstä tai kotipalvelusta. Yhteyttä voi ottaa itse.",
            "Socialhandledaren bedömer tillsammans med familjen behovet av stöd och kommer överens "
            "om lämpliga tjänster, till exempel familjearbete eller hemservice. Man kan själv ta "
            "kontakt.",
            "A social counsellor assesses the family's need for support together with the family "
            "and agrees on suitable services such as family work or home help. You can contact "
            "the service yourself.",
        ),
        (0, 215),
        ("in_person", "phone", "home_visit"),
        ("families", "parents"),
        contact=("Sosiaaliohjauksen neuvonta", "Rådgivning i socialhandledning", "Social guidance"),
    ),
    "home_help": ServiceText(
        (
            "Lapsiperheiden kotipalvelu",
            "Hemservice för barnfamiljer",
            "Home help for families with children",
        ),
        (
            "Apua lastenhoitoon ja kodin arkeen tilapäisesti, esimerkiksi vauvan syntymän tai "
            "sairauden aikana.",
            "Tillfällig hjälp med barnskötsel och vardagen hemma, till exempel efter en "
            "förlossning "
            "eller vid sjukdom.",
            "Temporary help with childcare and everyday chores, for example after a birth or "
            "during an illness.",
        ),
        (
            "Kodinhoitaja tulee kotiin sovittuina aikoina ja auttaa lastenhoidossa ja arjen "
            "järjestämisessä. Palvelusta peritään tuloihin perustuva maksu.",
            "Hemvårdaren kommer hem på överenskomna tider och hjälper med barnskötsel och "
            "vardagen. Avgiften bestäms enligt inkomsterna.",
            "A home help worker comes to your home at agreed times and helps with the children and "
            "daily routines. The fee depends on your income.",
        ),
        (0, 215),
        ("home_visit", "phone"),
        ("families",),
        cost="income_based",
    ),
    "family_work": ServiceText(
        ("Perhetyö", "Familjearbete", "Family work"),
        (
            "Perhetyöntekijä tukee vanhemmuutta ja perheen arkea kotikäynneillä.",
            "En familjearbetare stöder föräldraskapet och familjens vardag genom hembesök.",
            "A family worker supports parenting and everyday family life through home visits.",
        ),
        (
            "Perhetyössä etsitään yhdessä keinoja arjen sujumiseen, vuorovaikutukseen ja "
            "vanhemmuuteen. Tavoitteet sovitaan perheen kanssa, ja työ kestää yleensä muutamia "
            "kuukausia.",
            "I familjearbetet söker vi tillsammans sätt att få vardagen, samspelet och "
            "föräldraskapet att fungera. Målen sätts upp med familjen och arbetet pågår oftast "
            "några månader.",
            "Together we look for ways to make everyday life, interaction and parenting work. The "
            "goals are agreed with the family, and the work usually lasts a few months.",
        ),
        (0, 215),
        ("home_visit", "in_person", "phone"),
        ("families", "parents"),
    ),
    "family_law_services": ServiceText(
        ("Perheoikeudelliset palvelut", "Familjerättsliga tjänster", "Family law services"),
        (
            "Sopimukset lapsen huollosta, asumisesta, tapaamisoikeudesta ja elatuksesta sekä "
            "isyyden ja äitiyden tunnustaminen.",
            "Avtal om vårdnad, boende, umgängesrätt och underhåll samt erkännande av faderskap och "
            "moderskap.",
            "Agreements on custody, residence, contact and maintenance, and the acknowledgement of "
            "paternity and maternity.",
        ),
        (
            "Lastenvalvoja vahvistaa vanhempien sopimukset ja auttaa laatimaan "
            "vanhemmuussuunnitelman erotilanteessa. Aika varataan etukäteen.",
            "Barnatillsyningsmannen fastställer föräldrarnas avtal och hjälper till att göra upp "
            "en "
            "föräldraplan vid skilsmässa. Tiden bokas på förhand.",
            "The child welfare supervisor confirms the parents' agreements and helps to draw up a "
            "parenting plan in a separation. Appointments are booked in advance.",
        ),
        (0, 215),
        ("in_person", "phone", "video"),
        ("parents", "separating"),
        contact=(
            "Lastenvalvojan puhelinaika",
            "Barnatillsyningsmannens telefontid",
            "Child welfare supervisor's phone hours",
        ),
    ),
    "family_mediation": ServiceText(
        ("Perheasioiden sovittelu", "Familjemedling", "Family mediation"),
        (
            "Sovittelija auttaa eroavia vanhempia sopimaan lasten asioista.",
            "En medlare hjälper föräldrar som separerar att komma överens om barnens frågor.",
            "A mediator helps separating parents to agree on matters concerning their children.",
        ),
        (
            "Sovittelussa keskustellaan lasten asumisesta, tapaamisista ja elatuksesta niin, että "
            "lapsen etu on keskiössä. Sovittelu on vapaaehtoista ja maksutonta.",
            "I medlingen diskuteras barnens boende, umgänge och underhåll så att barnets bästa "
            "står "
            "i centrum. Medlingen är frivillig och avgiftsfri.",
            "Mediation covers where the children live, contact and maintenance, keeping the "
            "child's "
            "best interest at the centre. It is voluntary and free of charge.",
        ),
        (0, 215),
        ("in_person", "video", "phone"),
        ("separating", "parents"),
    ),
    "family_counselling": ServiceText(
        (
            "Kasvatus- ja perheneuvola",
            "Uppfostrings- och familjerådgivningen",
            "Child guidance and family counselling clinic",
        ),
        (
            "Psykologin ja sosiaalityöntekijän tuki kasvatukseen, lapsen kehitykseen ja perheen "
            "ristiriitoihin.",
            "Stöd av psykolog och socialarbetare i uppfostran, barnets utveckling och konflikter i "
            "familjen.",
            "Support from a psychologist and a social worker with upbringing, child development "
            "and family conflicts.",
        ),
        (
            "Perheneuvolaan voi ottaa yhteyttä ilman lähetettä, kun huoli lapsen tunne-elämästä, "
            "käytöksestä tai perheen tilanteesta painaa. Tapaamisia järjestetään myös "
            "etäyhteydellä.",
            "Man kan kontakta familjerådgivningen utan remiss när man är orolig för barnets "
            "känsloliv, beteende eller familjens situation. Träffar ordnas också på distans.",
            "You can contact the clinic without a referral when you are worried about your child's "
            "feelings, behaviour or the family's situation. Meetings are also held by video.",
        ),
        (0, 215),
        ("in_person", "phone", "video"),
        ("families", "parents", "children"),
    ),
    "child_mental_health": ServiceText(
        (
            "Lasten mielenterveyspalvelut",
            "Mentalvårdstjänster för barn",
            "Mental health services for children",
        ),
        (
            "Tutkimusta ja hoitoa lapsille, joilla on mielenterveyden haasteita.",
            "Utredning och vård för barn med psykiska svårigheter.",
            "Assessment and treatment for children with mental health difficulties.",
        ),
        (
            "Lasten mielenterveystyöryhmä tekee tutkimukset ja hoitaa lasta yhdessä perheen, "
            "neuvolan ja varhaiskasvatuksen kanssa. Palveluun ohjataan lähetteellä.",
            "Mentalvårdsteamet för barn utreder och vårdar barnet tillsammans med familjen, "
            "rådgivningen och småbarnspedagogiken. Man kommer till tjänsten med remiss.",
            "The children's mental health team assesses and treats the child together with the "
            "family, the clinic and early childhood education. A referral is needed.",
        ),
        (0, 155),
        ("in_person", "video", "phone"),
        ("children", "families"),
        referral=True,
    ),
    "youth_mental_health": ServiceText(
        (
            "Nuorten mielenterveyspalvelut",
            "Mentalvårdstjänster för unga",
            "Mental health services for young people",
        ),
        (
            "Matalan kynnyksen keskusteluapua ja hoitoa 13–22-vuotiaille.",
            "Samtalsstöd och vård med låg tröskel för 13–22-åringar.",
            "Low-threshold counselling and treatment for 13–22-year-olds.",
        ),
        (
            "Nuori voi hakeutua itse keskustelemaan psykiatrisen sairaanhoitajan kanssa. "
            "Tarvittaessa "
            "hoito jatkuu nuorisopsykiatrian lähetteellä.",
            "Den unga kan själv söka sig till samtal med en psykiatrisk sjukskötare. Vid behov "
            "fortsätter vården med remiss till ungdomspsykiatrin.",
            "Young people can come to talk with a psychiatric nurse on their own initiative. If "
            "needed, treatment continues with a referral to youth psychiatry.",
        ),
        (156, 275),
        ("in_person", "chat", "phone", "video"),
        ("young_people",),
    ),
    "substance_use_services": ServiceText(
        (
            "Päihde- ja riippuvuuspalvelut perheille",
            "Missbruks- och beroendetjänster för familjer",
            "Substance use and addiction services for families",
        ),
        (
            "Tukea, kun päihteet tai riippuvuus kuormittavat perheen arkea.",
            "Stöd när rusmedel eller beroende belastar familjens vardag.",
            "Support when substances or addiction weigh on family life.",
        ),
        (
            "Odottaville ja pikkulapsiperheille on oma tukensa. Yhteyttä voi ottaa nimettömästi, "
            "ja ensimmäinen keskustelu voidaan käydä puhelimessa.",
            "Väntande familjer och småbarnsfamiljer får eget stöd. Man kan kontakta tjänsten "
            "anonymt, och det första samtalet kan föras per telefon.",
            "Expecting families and families with small children get dedicated support. You may "
            "contact us anonymously, and the first talk can be by phone.",
        ),
        None,
        ("in_person", "phone", "chat"),
        ("parents", "young_people", "expecting"),
        anonymous=True,
    ),
    "rehabilitation": ServiceText(
        (
            "Lasten ja nuorten kuntoutus",
            "Rehabilitering för barn och unga",
            "Rehabilitation for children and young people",
        ),
        (
            "Puhe-, toiminta- ja fysioterapiaa lapsille ja nuorille.",
            "Tal-, ergo- och fysioterapi för barn och unga.",
            "Speech, occupational and physiotherapy for children and young people.",
        ),
        (
            "Terapeutti arvioi lapsen tarpeet ja laatii kuntoutussuunnitelman yhdessä perheen ja "
            "päiväkodin tai koulun kanssa. Kuntoutukseen ohjataan lähetteellä.",
            "Terapeuten bedömer barnets behov och gör upp en rehabiliteringsplan tillsammans med "
            "familjen och daghemmet eller skolan. Man kommer till rehabiliteringen med remiss.",
            "A therapist assesses the child's needs and makes a rehabilitation plan with the "
            "family and the daycare or school. A referral is needed.",
        ),
        (0, 215),
        ("in_person", "video"),
        ("children", "families"),
        referral=True,
        variants=(
            (
                ("Puheterapia", "Talterapi", "Speech therapy"),
                (
                    "Puheen, kielen ja vuorovaikutuksen kuntoutus.",
                    "Rehabilitering av tal, språk och kommunikation.",
                    "Rehabilitation of speech, language and communication.",
                ),
            ),
            (
                ("Toimintaterapia", "Ergoterapi", "Occupational therapy"),
                (
                    "Arjen taitojen ja leikin tukeminen.",
                    "Stöd för vardagsfärdigheter och lek.",
                    "Support for everyday skills and play.",
                ),
            ),
            (
                ("Lasten fysioterapia", "Fysioterapi för barn", "Physiotherapy for children"),
                (
                    "Motorisen kehityksen arviointi ja kuntoutus.",
                    "Bedömning och rehabilitering av den motoriska utvecklingen.",
                    "Assessment and rehabilitation of motor development.",
                ),
            ),
        ),
    ),
    "disability_services": ServiceText(
        (
            "Vammaispalvelut lapsiperheille",
            "Funktionshinderservice för barnfamiljer",
            "Disability services for families with children",
        ),
        (
            "Palveluohjausta, apuvälineitä ja tukea perheille, joissa lapsella on vamma.",
            "Servicehandledning, hjälpmedel och stöd för familjer med ett barn med "
            "funktionsnedsättning.",
            "Service guidance, aids and support for families with a disabled child.",
        ),
        (
            "Vammaispalvelujen sosiaalityöntekijä kartoittaa perheen kanssa tarvittavat palvelut, "
            "kuten omaishoidon tuen, henkilökohtaisen avun ja kuljetuspalvelut.",
            "Socialarbetaren inom funktionshinderservicen kartlägger med familjen vilka tjänster "
            "som behövs, till exempel närståendevård, personlig assistans och färdtjänst.",
            "A disability services social worker maps the services the family needs, such as "
            "informal care support, personal assistance and transport services.",
        ),
        (0, 215),
        ("in_person", "phone", "home_visit"),
        ("families", "children"),
    ),
    "specialist_consultation": ServiceText(
        (
            "Erikoissairaanhoidon konsultaatio",
            "Konsultation inom specialiserad sjukvård",
            "Specialist medical care consultation",
        ),
        (
            "Lastenlääkärin, lastenpsykiatrin ja muiden erikoisalojen konsultaatiot perhekeskuksen "
            "ammattilaisille.",
            "Konsultationer av barnläkare, barnpsykiatrer och andra specialister för "
            "familjecentralens yrkesutbildade personal.",
            "Consultations by paediatricians, child psychiatrists and other specialists for the "
            "family centre's professionals.",
        ),
        (
            "Erikoislääkäri osallistuu perhekeskustiimiin etäyhteydellä sovittuina päivinä. "
            "Konsultaatiota pyytää perheen kanssa työskentelevä ammattilainen.",
            "Specialistläkaren deltar i familjecentralens team på distans på överenskomna dagar. "
            "Konsultationen begärs av den yrkesperson som arbetar med familjen.",
            "A specialist joins the family centre team by video on agreed days. The professional "
            "working with the family requests the consultation.",
        ),
        (0, 215),
        ("video", "phone"),
        ("professionals",),
        referral=True,
        contact=("Konsultaatiopyynnöt", "Konsultationsbegäran", "Consultation requests"),
    ),
    "child_protection": ServiceText(
        ("Lastensuojelu", "Barnskyddet", "Child protection"),
        (
            "Lastensuojeluilmoitukset, palvelutarpeen arviointi ja lastensuojelun avohuolto.",
            "Barnskyddsanmälningar, bedömning av servicebehovet och barnskyddets öppenvård.",
            "Child welfare notifications, service-need assessments and community-based child "
            "protection.",
        ),
        (
            "Jos olet huolissasi lapsen hyvinvoinnista, voit ottaa yhteyttä lastensuojeluun. "
            "Kiireellisissä tilanteissa virka-ajan ulkopuolella vastaa sosiaalipäivystys.",
            "Om du är orolig för ett barns välmående kan du kontakta barnskyddet. I brådskande "
            "fall "
            "utanför tjänstetid svarar socialjouren.",
            "If you are worried about a child's wellbeing, you can contact child protection. "
            "Outside office hours, the emergency social services answer in urgent situations.",
        ),
        (0, 215),
        ("phone", "in_person", "home_visit", "e_service"),
        ("families", "professionals"),
        contact=(
            "Lastensuojeluilmoitukset",
            "Barnskyddsanmälningar",
            "Child welfare notifications",
        ),
    ),
    "early_childhood_education": ServiceText(
        ("Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education"),
        (
            "Päiväkoti- ja perhepäivähoitoa alle kouluikäisille lapsille.",
            "Daghem och familjedagvård för barn under skolåldern.",
            "Daycare centres and family daycare for children under school age.",
        ),
        (
            "Varhaiskasvatuspaikkaa haetaan sähköisesti neljä kuukautta ennen tarvetta. "
            "Asiakasmaksu "
            "määräytyy perheen koon, tulojen ja hoitoajan mukaan.",
            "En plats inom småbarnspedagogiken söks elektroniskt fyra månader innan den behövs. "
            "Avgiften bestäms enligt familjens storlek, inkomster och vårdtid.",
            "Apply online four months before you need a place. The fee depends on the family's "
            "size, income and hours of care.",
        ),
        (9, 83),
        ("in_person", "e_service", "phone"),
        ("families", "children"),
        cost="income_based",
        contact=(
            "Varhaiskasvatuksen palveluohjaus",
            "Servicehandledning inom småbarnspedagogik",
            "Early childhood education guidance",
        ),
        variants=(
            (
                ("Esiopetus", "Förskoleundervisning", "Pre-primary education"),
                (
                    "Maksuton esiopetus kouluikää edeltävänä vuonna.",
                    "Avgiftsfri förskoleundervisning året före skolstarten.",
                    "Free pre-primary education in the year before school.",
                ),
            ),
            (
                ("Vuorohoito", "Skiftvård", "Round-the-clock daycare"),
                (
                    "Varhaiskasvatusta iltaisin, öisin ja viikonloppuisin vuorotyötä tekeville.",
                    "Småbarnspedagogik kvällar, nätter och veckoslut för föräldrar i skiftarbete.",
                    "Early childhood education in the evenings, at night and at weekends for "
                    "parents in shift work.",
                ),
            ),
            (
                (
                    "Varhaiskasvatuksen erityisopettaja",
                    "Speciallärare inom småbarnspedagogiken",
                    "Special needs teacher in early childhood education",
                ),
                (
                    "Tukea lapsen kasvuun ja oppimiseen päiväkodissa.",
                    "Stöd för barnets växande och lärande på daghemmet.",
                    "Support for the child's growth and learning at daycare.",
                ),
            ),
        ),
    ),
    "student_welfare": ServiceText(
        ("Opiskeluhuolto", "Elevhälsan", "Student welfare"),
        (
            "Koulukuraattorin ja -psykologin tuki oppilaille ja perheille.",
            "Stöd av skolkurator och skolpsykolog för elever och familjer.",
            "Support from the school social worker and psychologist for pupils and families.",
        ),
        (
            "Kuraattorille ja psykologille voi tulla juttelemaan koulunkäynnistä, kavereista tai "
            "kotiasioista. Myös huoltaja voi ottaa yhteyttä.",
            "Man kan komma och prata med kuratorn och psykologen om skolgången, kompisar eller "
            "situationen hemma. Också vårdnadshavare kan ta kontakt.",
            "Pupils can talk with the school social worker and psychologist about school, friends "
            "or things at home. Parents can also get in touch.",
        ),
        (72, 239),
        ("in_person", "phone", "chat"),
        ("children", "young_people", "parents"),
    ),
    "youth_services": ServiceText(
        ("Nuorisopalvelut", "Ungdomstjänster", "Youth services"),
        (
            "Nuorisotalon avoimet illat, ryhmät ja etsivä nuorisotyö.",
            "Ungdomsgårdens öppna kvällar, grupper och uppsökande ungdomsarbete.",
            "Open evenings at the youth centre, groups and outreach youth work.",
        ),
        (
            "Nuorisotalolla voi viettää aikaa kavereiden kanssa ja jutella nuoriso-ohjaajan "
            "kanssa. "
            "Etsivä nuorisotyö auttaa, jos opiskelu tai työ ei suju.",
            "På ungdomsgården kan man umgås med kompisar och prata med en ungdomsledare. Det "
            "uppsökande ungdomsarbetet hjälper om studier eller arbete inte går som de ska.",
            "Spend time with friends at the youth centre and talk with a youth worker. Outreach "
            "youth work helps if studies or work are not going well.",
        ),
        (120, 347),
        ("in_person", "chat", "phone"),
        ("young_people",),
    ),
    "culture_and_leisure": ServiceText(
        (
            "Kulttuuri- ja vapaa-ajan palvelut perheille",
            "Kultur- och fritidstjänster för familjer",
            "Culture and leisure for families",
        ),
        (
            "Kirjaston satutunnit, perheliikunta ja taidetyöpajat.",
            "Bibliotekets sagostunder, familjemotion och konstverkstäder.",
            "Story hours at the library, family sports and art workshops.",
        ),
        (
            "Kirjaston ja liikuntapalveluiden perheohjelma on pääosin maksutonta, eikä "
            "ilmoittautumista yleensä tarvita.",
            "Bibliotekets och idrottstjänsternas familjeprogram är för det mesta avgiftsfritt, och "
            "man behöver oftast inte anmäla sig.",
            "The library's and sports services' family programme is mostly free, and you usually "
            "need not register.",
        ),
        None,
        ("in_person", "e_service"),
        ("families", "children"),
    ),
    "immigrant_integration": ServiceText(
        (
            "Maahanmuuttajaperheiden kotoutumisen tuki",
            "Integrationsstöd för invandrarfamiljer",
            "Integration support for immigrant families",
        ),
        (
            "Neuvontaa ja ohjausta omalla kielellä Suomeen muuttaneille perheille.",
            "Rådgivning och handledning på eget språk för familjer som flyttat till Finland.",
            "Advice and guidance in your own language for families who have moved to Finland.",
        ),
        (
            "Ohjaaja auttaa löytämään neuvolan, varhaiskasvatuksen ja muut palvelut sekä tulkin "
            "tarvittaessa. Tarjolla on myös suomen kielen ryhmiä vanhemmille.",
            "Handledaren hjälper att hitta rådgivningen, småbarnspedagogiken och andra tjänster "
            "samt en tolk vid behov. Det finns också grupper i finska för föräldrar.",
            "A counsellor helps you find the clinic, early childhood education and other services, "
            "and an interpreter when needed. There are also Finnish groups for parents.",
        ),
        None,
        ("in_person", "phone", "video"),
        ("immigrants", "families"),
    ),
    "kela_family_benefits": ServiceText(
        (
            "Kelan lapsiperhe-etuudet",
            "FPA:s förmåner för barnfamiljer",
            "Kela benefits for families with children",
        ),
        (
            "Neuvontaa lapsiperheiden etuuksista ja niiden hakemisesta.",
            "Rådgivning om förmåner för barnfamiljer och om hur man ansöker om dem.",
            "Advice on benefits for families with children and how to apply for them.",
        ),
        (
            "Etuuksia haetaan OmaKelassa. Palvelupisteessä ja puhelimessa neuvotaan hakemisessa, "
            "ja ajan voi varata myös videoneuvotteluun.",
            "Förmånerna söks i MittFPA. På servicestället och per telefon får man hjälp med "
            "ansökan, och man kan också boka ett videomöte.",
            "Apply in OmaKela, Kela's e-service. The service point and phone service help with "
            "applying, and you can also book a video appointment.",
        ),
        None,
        ("e_service", "phone", "in_person", "chat", "video"),
        ("families", "expecting", "parents"),
        contact=(
            "Lapsiperheiden palvelunumero",
            "Servicenummer för barnfamiljer",
            "Service number for families",
        ),
        variants=(
            (
                (
                    "Äitiysavustus ja äitiyspakkaus",
                    "Moderskapsunderstöd och moderskapsförpackning",
                    "Maternity grant and maternity package",
                ),
                (
                    "Haetaan raskauden 22. viikon jälkeen.",
                    "Söks efter den 22:a graviditetsveckan.",
                    "Apply after the 22nd week of pregnancy.",
                ),
            ),
            (
                ("Vanhempainpäivärahat", "Föräldradagpenningar", "Parental allowances"),
                (
                    "Korvaus ansionmenetyksestä vanhempainvapaan ajalta.",
                    "Ersättning för inkomstbortfall under föräldraledigheten.",
                    "Compensation for lost income during parental leave.",
                ),
            ),
            (
                ("Lapsilisä", "Barnbidrag", "Child benefit"),
                (
                    "Jokaisesta alle 17-vuotiaasta lapsesta maksettava tuki.",
                    "Stöd som betalas för varje barn under 17 år.",
                    "A benefit paid for each child under 17.",
                ),
            ),
            (
                ("Lastenhoidon tuet", "Stöd för barnavård", "Child care allowances"),
                (
                    "Kotihoidon ja yksityisen hoidon tuki sekä joustava hoitoraha.",
                    "Hemvårdsstöd, privatvårdsstöd och flexibel vårdpenning.",
                    "Child home care allowance, private day care allowance and flexible care "
                    "allowance.",
                ),
            ),
        ),
    ),
    "financial_counselling": ServiceText(
        (
            "Talous- ja velkaneuvonta",
            "Ekonomi- och skuldrådgivning",
            "Financial and debt counselling",
        ),
        (
            "Maksutonta apua talouden suunnitteluun ja velkojen järjestelyyn.",
            "Avgiftsfri hjälp med att planera ekonomin och ordna skulder.",
            "Free help with planning your finances and arranging debts.",
        ),
        (
            "Talous- ja velkaneuvoja auttaa tekemään budjetin, neuvottelemaan velkojien kanssa ja "
            "hakemaan velkajärjestelyä. Neuvontaan voi soittaa nimettömästi.",
            "Ekonomi- och skuldrådgivaren hjälper med budgeten, förhandlingar med borgenärer och "
            "ansökan om skuldsanering. Man kan ringa anonymt.",
            "A financial and debt counsellor helps you make a budget, negotiate with creditors and "
            "apply for debt adjustment. You can call anonymously.",
        ),
        None,
        ("phone", "in_person", "video", "chat"),
        ("parents", "families"),
        anonymous=True,
    ),
    "meeting_place": ServiceText(
        ("Perhekahvila", "Familjecafé", "Family café"),
        (
            "Avoin kohtaamispaikka lapsiperheille: leikkiä, vertaistukea ja juttuseuraa.",
            "En öppen mötesplats för barnfamiljer: lek, kamratstöd och sällskap.",
            "An open meeting place for families: play, peer support and company.",
        ),
        (
            "Tule lasten kanssa leikkimään ja tapaamaan muita perheitä. Ennakkoilmoittautumista "
            "ei tarvita, ja ohjaajalta voi kysyä neuvoa perheen palveluista.",
            "Kom och lek med barnen och träffa andra familjer. Ingen förhandsanmälan behövs, och "
            "du kan fråga ledaren om tjänster för familjer.",
            "Come and play with your children and meet other families. No registration is "
            "needed, and the staff can tell you about services for families.",
        ),
        (-9, 83),
        ("in_person",),
        ("families", "parents", "children", "expecting"),
        anonymous=True,
        contact=("Ohjaaja", "Ledare", "Coordinator"),
    ),
    "peer_support": ServiceText(
        ("Vertaistukiryhmät", "Kamratstödgrupper", "Peer support groups"),
        (
            "Vertaisryhmiä vanhemmille, joilla on samankaltainen elämäntilanne.",
            "Kamratgrupper för föräldrar i en liknande livssituation.",
            "Peer groups for parents in a similar situation in life.",
        ),
        (
            "Koulutetut vertaisohjaajat vetävät ryhmiä esimerkiksi monikko-, sateenkaari-, uus- ja "
            "yhden vanhemman perheille. Ryhmät ovat maksuttomia.",
            "Utbildade kamratledare leder grupper till exempel för flerlings-, regnbågs-, "
            "ombildade och enföräldersfamiljer. Grupperna är avgiftsfria.",
            "Trained peer leaders run groups for example for families with twins, rainbow "
            "families, blended families and single parents. The groups are free.",
        ),
        None,
        ("in_person", "video", "chat"),
        ("parents", "families"),
        anonymous=True,
        variants=(
            (
                (
                    "Monikkoperheiden vertaistuki",
                    "Kamratstöd för flerlingsfamiljer",
                    "Peer support for families with twins or more",
                ),
                (
                    "Tapaamisia ja vinkkejä kaksosten ja kolmosten vanhemmille.",
                    "Träffar och tips för föräldrar till tvillingar och trillingar.",
                    "Meet-ups and tips for parents of twins and triplets.",
                ),
            ),
            (
                (
                    "Sateenkaariperheiden vertaistuki",
                    "Kamratstöd för regnbågsfamiljer",
                    "Peer support for rainbow families",
                ),
                (
                    "Kohtaamisia ja keskustelua sateenkaariperheille.",
                    "Träffar och samtal för regnbågsfamiljer.",
                    "Meetings and conversation for rainbow families.",
                ),
            ),
            (
                (
                    "Yhden vanhemman perheiden vertaistuki",
                    "Kamratstöd för enföräldersfamiljer",
                    "Peer support for single-parent families",
                ),
                (
                    "Ryhmä yksin lapsiaan kasvattaville vanhemmille.",
                    "En grupp för föräldrar som ensamma uppfostrar sina barn.",
                    "A group for parents raising their children alone.",
                ),
            ),
        ),
    ),
    "parenting_support": ServiceText(
        ("Perhevalmennus", "Familjeförberedelse", "Antenatal classes"),
        (
            "Ryhmävalmennus synnytykseen, vauva-arkeen ja vanhemmuuteen.",
            "Gruppförberedelse inför förlossningen, vardagen med bebis och föräldraskapet.",
            "Group classes to prepare for birth, life with a baby and parenthood.",
        ),
        (
            "Valmennuksessa tapaat muita odottavia perheitä, ja kätilö, terveydenhoitaja ja "
            "suuhygienisti kertovat synnytyksestä, imetyksestä ja vauvan hoidosta.",
            "Under förberedelsen träffar du andra väntande familjer, och barnmorskan, "
            "hälsovårdaren "
            "och munhygienisten berättar om förlossningen, amningen och babyvården.",
            "Meet other expecting families; a midwife, a public health nurse and a dental "
            "hygienist talk about birth, breastfeeding and baby care.",
        ),
        (-9, 12),
        ("in_person", "video"),
        ("expecting", "parents"),
        variants=(
            (
                ("Vanhemmuuden tuki", "Stöd i föräldraskapet", "Parenting support"),
                (
                    "Vanhempainryhmiä ja yksilöllistä tukea kasvatuksen kysymyksiin.",
                    "Föräldragrupper och individuellt stöd i uppfostringsfrågor.",
                    "Parents' groups and individual support with questions of upbringing.",
                ),
            ),
        ),
    ),
    "couple_relationship_support": ServiceText(
        ("Parisuhteen tuki", "Stöd för parrelationen", "Couple relationship support"),
        (
            "Pariskeskusteluja ja parisuhdekursseja lapsiperheiden vanhemmille.",
            "Parsamtal och parrelationskurser för föräldrar i barnfamiljer.",
            "Couple counselling and relationship courses for parents.",
        ),
        (
            "Parisuhteen kriiseissä ja arjen ristiriidoissa voi varata ajan keskusteluun. "
            "Parisuhdeillat ja -kurssit ovat avoimia kaikille pareille.",
            "Vid kriser i parrelationen och konflikter i vardagen kan man boka tid för samtal. "
            "Kvällarna och kurserna för par är öppna för alla par.",
            "Book a conversation when your relationship is in crisis or everyday conflicts build "
            "up. The couples' evenings and courses are open to all couples.",
        ),
        None,
        ("in_person", "video", "phone"),
        ("parents",),
    ),
    "separation_support": ServiceText(
        ("Eroauttaminen", "Stöd vid skilsmässa", "Support in separation"),
        (
            "Tukea eroa pohtiville ja eroaville vanhemmille sekä lapsille.",
            "Stöd för föräldrar som funderar på eller går igenom en skilsmässa, och för barnen.",
            "Support for parents who are considering or going through a separation, and for the "
            "children.",
        ),
        (
            "Eroneuvonnassa laaditaan vanhemmuussuunnitelma ja mietitään, miten lapset kuullaan. "
            "Tarjolla on myös vertaisryhmiä eron jälkeen.",
            "I skilsmässorådgivningen gör man upp en föräldraplan och funderar på hur barnen blir "
            "hörda. Det finns också kamratgrupper efter skilsmässan.",
            "We help you draw up a parenting plan and think about how to hear the children. There "
            "are also peer groups after the separation.",
        ),
        (0, 215),
        ("in_person", "video", "phone", "chat"),
        ("separating", "parents", "children"),
    ),
    "domestic_violence_services": ServiceText(
        (
            "Lähisuhdeväkivaltatyö",
            "Arbete mot våld i nära relationer",
            "Help with domestic violence",
        ),
        (
            "Apua väkivaltaa kokeneille, sitä tehneille ja lapsille.",
            "Hjälp för den som utsatts för eller utövat våld, och för barnen.",
            "Help for those who have experienced or used violence, and for the children.",
        ),
        (
            "Voit ottaa yhteyttä nimettömästi. Työntekijä arvioi turvallisuuden ja auttaa "
            "tarvittaessa turvakotiin.",
            "Du kan ta kontakt anonymt. Arbetstagaren bedömer säkerheten och hjälper vid behov "
            "till "
            "ett skyddshem.",
            "You can contact us anonymously. A worker assesses your safety and helps you to a "
            "shelter if needed.",
        ),
        None,
        ("phone", "chat", "in_person"),
        ("parents", "families", "young_people"),
        anonymous=True,
    ),
    "crisis_support": ServiceText(
        ("Kriisiapu", "Krishjälp", "Crisis help"),
        (
            "Keskusteluapua äkillisissä kriiseissä.",
            "Samtalshjälp i plötsliga kriser.",
            "Someone to talk to in a sudden crisis.",
        ),
        (
            "Kriisityöntekijä auttaa esimerkiksi läheisen kuoleman, onnettomuuden tai eron "
            "jälkeen. Ensimmäinen keskustelu järjestetään yleensä muutaman päivän kuluessa.",
            "Kristerapeuten hjälper till exempel efter en närståendes död, en olycka eller en "
            "skilsmässa. Det första samtalet ordnas oftast inom några dagar.",
            "A crisis worker helps, for example, after the death of someone close, an accident or "
            "a separation. The first talk is usually within a few days.",
        ),
        None,
        ("phone", "in_person", "chat"),
        ("parents", "families", "young_people"),
        anonymous=True,
    ),
    "helpline": ServiceText(
        (
            "Vanhempien auttava puhelin ja chat",
            "Hjälptelefon och chatt för föräldrar",
            "Helpline and chat for parents",
        ),
        (
            "Nimetöntä keskusteluapua vanhemmille puhelimessa ja chatissa.",
            "Anonymt samtalsstöd för föräldrar per telefon och i chatten.",
            "Anonymous support for parents by phone and chat.",
        ),
        (
            "Koulutetut vapaaehtoiset päivystävät arki-iltaisin. Voit puhua mistä tahansa "
            "vanhemmuuteen liittyvästä asiasta nimettömänä.",
            "Utbildade frivilliga jourhavande svarar vardagskvällar. Du kan tala anonymt om vad "
            "som "
            "helst som har med föräldraskapet att göra.",
            "Trained volunteers answer on weekday evenings. You can talk about anything to do with "
            "parenting anonymously.",
        ),
        None,
        ("phone", "chat"),
        ("parents",),
        anonymous=True,
        contact=("Päivystys", "Jour", "On call"),
    ),
}

# A meeting place reads differently by who runs it.
MEETING_PLACE_KINDS: dict[str, Tri] = {
    "municipality": ("Avoin päiväkoti", "Öppna daghemmet", "Open daycare"),
    "ngo": ("Perhekahvila", "Familjecaféet", "Family café"),
    "parish": ("Perhekerho", "Familjeklubben", "Family club"),
}

# Activity templates: kind, title, description, ages in months.
ACTIVITY_TEXTS: tuple[tuple[str, Tri, Tri, tuple[int, int]], ...] = (
    (
        "family_cafe",
        ("Perhekahvila", "Familjecafé", "Family café"),
        (
            "Vapaata yhdessäoloa, leikkiä ja kahvia. Tervetuloa koko perhe!",
            "Fritt umgänge, lek och kaffe. Hela familjen är välkommen!",
            "Time together, play and coffee. The whole family is welcome!",
        ),
        (0, 83),
    ),
    (
        "family_cafe",
        ("Vauvakahvila", "Babycafé", "Baby café"),
        (
            "Kohtaamispaikka vauvaperheille. Mukaan voi tulla jo raskausaikana.",
            "En mötesplats för babyfamiljer. Man kan komma redan under graviditeten.",
            "A meeting place for families with babies; you are welcome already during pregnancy.",
        ),
        (-3, 12),
    ),
    (
        "family_cafe",
        ("Isä-lapsiaamu", "Pappa-barn-morgon", "Dads and kids morning"),
        (
            "Isien ja lasten yhteinen aamu: leikkiä, pelejä ja aamupala.",
            "En gemensam morgon för pappor och barn: lek, spel och frukost.",
            "A morning for dads and kids: play, games and breakfast.",
        ),
        (0, 83),
    ),
    (
        "open_daycare",
        ("Avoin päiväkoti", "Öppet daghem", "Open daycare"),
        (
            "Ohjattua leikkiä, laulua ja askartelua lapselle ja aikuiselle yhdessä.",
            "Ledd lek, sång och pyssel för barn och vuxna tillsammans.",
            "Guided play, songs and crafts for children and adults together.",
        ),
        (0, 83),
    ),
    (
        "open_daycare",
        ("Muskari", "Musiklek", "Music playgroup"),
        (
            "Laulua, loruja ja soittimia lapsille aikuisen kanssa.",
            "Sånger, ramsor och instrument för barn med en vuxen.",
            "Songs, rhymes and instruments for children with an adult.",
        ),
        (6, 72),
    ),
    (
        "open_daycare",
        ("Temppujumppa", "Gymnastiklek", "Tumble gym"),
        (
            "Liikuntaleikkejä ja temppuratoja perheen pienimmille.",
            "Rörelselekar och hinderbanor för familjens minsta.",
            "Active games and obstacle courses for the youngest.",
        ),
        (18, 83),
    ),
    (
        "family_club",
        ("Perhekerho", "Familjeklubb", "Family club"),
        (
            "Leikkiä, laulua ja pieni hetki yhdessä. Välipala on maksuton.",
            "Lek, sång och en liten stund tillsammans. Mellanmålet är gratis.",
            "Play, songs and a moment together. The snack is free.",
        ),
        (0, 83),
    ),
    (
        "family_club",
        ("Kaksikielinen perhekerho", "Tvåspråkig familjeklubb", "Bilingual family club"),
        (
            "Kerho suomeksi ja ruotsiksi – molemmat kielet ovat tervetulleita.",
            "Klubben på finska och svenska – båda språken är välkomna.",
            "A club in Finnish and Swedish – both languages welcome.",
        ),
        (0, 83),
    ),
    (
        "peer_group",
        (
            "Odottavien perheiden ryhmä",
            "Grupp för väntande familjer",
            "Group for expecting families",
        ),
        (
            "Vertaistukea ja tietoa raskausaikaan ja vauvan tuloon.",
            "Kamratstöd och information om graviditeten och barnets ankomst.",
            "Peer support and information for pregnancy and the baby's arrival.",
        ),
        (-9, -1),
    ),
    (
        "peer_group",
        (
            "Monikkoperheiden tapaaminen",
            "Träff för flerlingsfamiljer",
            "Twins and triplets meet-up",
        ),
        (
            "Vertaistukea kaksosten ja kolmosten perheille.",
            "Kamratstöd för familjer med tvillingar och trillingar.",
            "Peer support for families with twins and triplets.",
        ),
        (0, 83),
    ),
    (
        "peer_group",
        (
            "Sateenkaariperheiden tapaaminen",
            "Träff för regnbågsfamiljer",
            "Rainbow families meet-up",
        ),
        (
            "Avoin tapaaminen sateenkaariperheille ja sellaisiksi aikoville.",
            "En öppen träff för regnbågsfamiljer och för dem som planerar att bli en.",
            "An open meet-up for rainbow families and those planning to become one.",
        ),
        (-9, 215),
    ),
    (
        "peer_group",
        ("Eron jälkeen -ryhmä", "Efter skilsmässan – grupp", "After separation group"),
        (
            "Vertaisryhmä eron kokeneille vanhemmille; lapsille on omaa ohjelmaa.",
            "Kamratgrupp för föräldrar som gått igenom en skilsmässa; barnen har eget program.",
            "A peer group for separated parents, with activities for the children.",
        ),
        (0, 215),
    ),
    (
        "parenting_group",
        (
            "Vauvaperheiden vanhemmuusryhmä",
            "Föräldragrupp för babyfamiljer",
            "Parenting group for families with babies",
        ),
        (
            "Keskustelua vauva-arjesta, unesta ja parisuhteesta terveydenhoitajan kanssa.",
            "Samtal om vardagen med bebis, sömn och parrelationen med en hälsovårdare.",
            "Talk about life with a baby, sleep and your relationship with a public health nurse.",
        ),
        (0, 12),
    ),
    (
        "parenting_group",
        ("Suomea lapsiperheille", "Finska för barnfamiljer", "Finnish for families"),
        (
            "Suomen kielen harjoittelua leikkien ja laulaen, lapset mukaan.",
            "Öva finska med lek och sång – barnen får komma med.",
            "Practise Finnish through play and songs, with the children along.",
        ),
        (0, 83),
    ),
)

# Professionals who visit activities: role, service type they come from, and when.
PROFESSIONAL_ROLES: tuple[tuple[Tri, str], ...] = (
    (
        (
            "terveydenhoitaja lastenneuvolasta",
            "hälsovårdare från barnrådgivningen",
            "public health nurse from the child health clinic",
        ),
        "child_health_clinic",
    ),
    (
        (
            "terveydenhoitaja lastenneuvolasta",
            "hälsovårdare från barnrådgivningen",
            "public health nurse from the child health clinic",
        ),
        "child_health_clinic",
    ),
    (
        (
            "kätilö äitiysneuvolasta",
            "barnmorska från mödrarådgivningen",
            "midwife from the maternity clinic",
        ),
        "maternity_clinic",
    ),
    (
        (
            "perhetyöntekijä perhetyöstä",
            "familjearbetare från familjearbetet",
            "family worker from family work",
        ),
        "family_work",
    ),
    (
        (
            "sosiaaliohjaaja lapsiperheiden sosiaalityöstä",
            "socialhandledare från socialt arbete för barnfamiljer",
            "social counsellor from family social work",
        ),
        "family_social_work",
    ),
    (
        (
            "psykologi perheneuvolasta",
            "psykolog från familjerådgivningen",
            "psychologist from the family counselling clinic",
        ),
        "family_counselling",
    ),
    (
        (
            "suuhygienisti suun terveydenhuollosta",
            "munhygienist från munhälsovården",
            "dental hygienist from oral health care",
        ),
        "dental_care",
    ),
)

ORDINALS: tuple[Tri, ...] = (
    ("ensimmäinen", "första", "first"),
    ("toinen", "andra", "second"),
    ("kolmas", "tredje", "third"),
    ("viimeinen", "sista", "last"),
)
WEEKDAYS: tuple[Tri, ...] = (
    ("maanantai", "måndag", "Monday"),
    ("tiistai", "tisdag", "Tuesday"),
    ("keskiviikko", "onsdag", "Wednesday"),
    ("torstai", "torsdag", "Thursday"),
    ("perjantai", "fredag", "Friday"),
    ("lauantai", "lördag", "Saturday"),
    ("sunnuntai", "söndag", "Sunday"),
)
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

HOLIDAYS: dict[str, Tri] = {
    "new_year": ("uudenvuodenpäivä", "nyårsdagen", "New Year's Day"),
    "epiphany": ("loppiainen", "trettondagen", "Epiphany"),
    "maundy_thursday": ("kiirastorstai", "skärtorsdagen", "Maundy Thursday"),
    "good_friday": ("pitkäperjantai", "långfredagen", "Good Friday"),
    "easter_sunday": ("pääsiäispäivä", "påskdagen", "Easter Sunday"),
    "easter_monday": ("2. pääsiäispäivä", "annandag påsk", "Easter Monday"),
    "may_day": ("vappu", "första maj", "May Day"),
    "ascension": ("helatorstai", "Kristi himmelsfärdsdag", "Ascension Day"),
    "whitsun": ("helluntaipäivä", "pingstdagen", "Whit Sunday"),
    "midsummer_eve": ("juhannusaatto", "midsommarafton", "Midsummer Eve"),
    "midsummer_day": ("juhannuspäivä", "midsommardagen", "Midsummer Day"),
    "all_saints": ("pyhäinpäivä", "alla helgons dag", "All Saints' Day"),
    "independence_day": ("itsenäisyyspäivä", "självständighetsdagen", "Independence Day"),
    "christmas_eve": ("jouluaatto", "julafton", "Christmas Eve"),
    "christmas_day": ("joulupäivä", "juldagen", "Christmas Day"),
    "boxing_day": ("tapaninpäivä", "annandag jul", "St Stephen's Day"),
}
SHORTER_DAY: Tri = ("lyhennetty aukiolo", "förkortad öppettid", "shorter hours")
STAFF_TRAINING: Tri = (
    "henkilöstön koulutuspäivä",
    "personalens utbildningsdag",
    "staff training day",
)

# Fictional names. Pairs are (Finnish, Swedish); unit names give (nominative, genitive, Swedish).
NGO_NOUNS = (
    ("Satakieli", "Näktergalen"),
    ("Pilke", "Glimten"),
    ("Kompassi", "Kompassen"),
    ("Majakka", "Fyren"),
    ("Tuulikello", "Vindklockan"),
    ("Kielo", "Liljekonvaljen"),
    ("Kaisla", "Vassen"),
    ("Lumme", "Näckrosen"),
    ("Sinisiipi", "Blåvingen"),
    ("Oravanpesä", "Ekorrboet"),
    ("Karhunvatukka", "Björnbäret"),
    ("Pesäpuu", "Boträdet"),
    ("Aallokko", "Vågen"),
    ("Leppis", "Nyckelpigan"),
    ("Kotisatama", "Hemhamnen"),
    ("Tähtiniitty", "Stjärnängen"),
    ("Sateenkaari", "Regnbågen"),
    ("Ankkuri", "Ankaret"),
    ("Peippo", "Bofinken"),
    ("Mustikka", "Blåbäret"),
    ("Kuunsilta", "Månbron"),
    ("Puolukka", "Lingonet"),
    ("Pajunkissa", "Videkissen"),
    ("Vanamo", "Linnean"),
)
NGO_KINDS: tuple[Tri, ...] = (
    ("Perheyhdistys {fi} ry", "Familjeföreningen {sv} rf", "{fi} Family Association"),
    ("Vanhempainyhdistys {fi} ry", "Föräldraföreningen {sv} rf", "{fi} Parents' Association"),
    ("Perhetalo {fi} ry", "Familjehuset {sv} rf", "{fi} Family House Association"),
    ("Lapsiperheiden tuki {fi} ry", "Stöd för barnfamiljer {sv} rf", "{fi} Support for Families"),
    (
        "Monikulttuuristen perheiden yhdistys {fi} ry",
        "Föreningen för mångkulturella familjer {sv} rf",
        "{fi} Multicultural Families Association",
    ),
)
PRIVATE_NAMES: tuple[Tri, ...] = (
    ("Terapiakeskus {fi} Oy", "Terapicentret {sv} Ab", "{fi} Therapy Centre Ltd"),
    ("Perheterapia {fi} Oy", "Familjeterapi {sv} Ab", "{fi} Family Therapy Ltd"),
    (
        "Kuntoutuspalvelut {fi} Oy",
        "Rehabiliteringstjänster {sv} Ab",
        "{fi} Rehabilitation Services Ltd",
    ),
)
UNIT_NAMES = (
    ("Koivumäki", "Koivumäen", "Björkbacka"),
    ("Kuusikko", "Kuusikon", "Granskogen"),
    ("Männistö", "Männistön", "Tallmo"),
    ("Pihlajisto", "Pihlajiston", "Rönnbacka"),
    ("Vaahteramäki", "Vaahteramäen", "Lönnbacka"),
    ("Tammisto", "Tammiston", "Ekudden"),
    ("Leppäkorpi", "Leppäkorven", "Alkärret"),
    ("Niittykumpu", "Niittykummun", "Ängskulla"),
    ("Kalliola", "Kalliolan", "Bergsgården"),
    ("Rantala", "Rantalan", "Strandgården"),
    ("Myllymäki", "Myllymäen", "Kvarnbacken"),
    ("Kirkonkylä", "Kirkonkylän", "Kyrkbyn"),
    ("Päivärinne", "Päivärinteen", "Solbrinken"),
    ("Lehtola", "Lehtolan", "Lövgården"),
    ("Kotikallio", "Kotikallion", "Hemberget"),
    ("Metsola", "Metsolan", "Skogsgården"),
    ("Harjula", "Harjulan", "Åsgården"),
    ("Tuomela", "Tuomelan", "Häggården"),
    ("Kivikko", "Kivikon", "Stenbacka"),
    ("Lähteenmäki", "Lähteenmäen", "Källbacka"),
)
STREET_STEMS = (
    ("Koivu", "Björk"),
    ("Kuusi", "Gran"),
    ("Mänty", "Tall"),
    ("Vaahtera", "Lönn"),
    ("Pihlaja", "Rönn"),
    ("Leppä", "Al"),
    ("Tammi", "Ek"),
    ("Saarni", "Ask"),
    ("Kallio", "Berg"),
    ("Mäki", "Back"),
    ("Niitty", "Äng"),
    ("Ranta", "Strand"),
    ("Mylly", "Kvarn"),
    ("Kirkko", "Kyrk"),
    ("Koulu", "Skol"),
    ("Puisto", "Park"),
    ("Kartano", "Gårds"),
    ("Pelto", "Åker"),
    ("Lähde", "Käll"),
    ("Kivi", "Sten"),
    ("Järvi", "Sjö"),
    ("Lehto", "Lund"),
    ("Aitta", "Bod"),
    ("Paja", "Smedje"),
    ("Sepän", "Smeds"),
    ("Torni", "Torn"),
    ("Satama", "Hamn"),
    ("Silta", "Bro"),
)
STREET_SUFFIXES = (
    ("tie", "vägen"),
    ("katu", "gatan"),
    ("kuja", "gränden"),
    ("polku", "stigen"),
    ("rinne", "branten"),
    ("tie", "vägen"),
    ("katu", "gatan"),
)
FIRST_NAMES = (
    "Anna",
    "Maria",
    "Laura",
    "Johanna",
    "Elina",
    "Sanna",
    "Riikka",
    "Katja",
    "Hanna",
    "Minna",
    "Mikko",
    "Jussi",
    "Antti",
    "Teemu",
    "Ville",
    "Sofia",
    "Emma",
    "Aada",
    "Oskari",
    "Leo",
    "Linnea",
    "Ida",
    "Helmi",
    "Noora",
    "Petra",
    "Kaisa",
    "Tuomas",
    "Juha",
    "Pia",
    "Ulla",
)
LAST_NAMES = (
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Lindqvist",
    "Holmström",
    "Berg",
)
OTHER_LANGUAGES = ("ar", "so", "ru", "et", "uk", "fa", "ku", "sq", "zh", "vi", "tr", "es")

# Municipalities with Swedish as an official language (bilingual) or Swedish only (Åland).
BILINGUAL_MUNICIPALITIES = frozenset(
    [
        "091",
        "049",
        "092",
        "235",
        "638",
        "434",
        "753",
        "407",
        "257",
        "149",
        "755",
        "710",
        "078",
        "853",
        "445",
        "322",
        "905",
        "499",
        "545",
        "287",
        "475",
        "280",
        "599",
        "598",
        "272",
        "440",
        "893",
        "288",
        "231",
    ]
)
ALAND_COUNTY = "91"

SITE_DESCRIPTIONS: dict[str, Tri] = {
    "family_centre": (
        "Perhekeskus kokoaa alueen lapsiperheiden palvelut yhteen: neuvolan, perhetyön, "
        "sosiaalityön, perheneuvolan ja kuntoutuksen. Perhekeskustiimi tapaa perheen, kun "
        "tarvitaan "
        "useamman ammattilaisen tukea.",
        "Familjecentralen samlar områdets tjänster för barnfamiljer: rådgivningen, familjearbetet, "
        "det sociala arbetet, familjerådgivningen och rehabiliteringen. Familjecentralens team "
        "träffar familjen när stöd av flera yrkespersoner behövs.",
        "The family centre brings the area's services for families together: the clinics, family "
        "work, social work, family counselling and rehabilitation. The family centre team meets "
        "the family when support from several professionals is needed.",
    ),
    "service_point": (
        "Perhekeskuksen toimipiste lähellä perheitä.",
        "Familjecentralens verksamhetsställe nära familjerna.",
        "A family centre service point close to families.",
    ),
    "meeting_place": (
        "Kohtaamispaikka on avoin ja maksuton paikka tavata muita perheitä, saada vertaistukea ja "
        "kysyä neuvoa. Ammattilaiset vierailevat säännöllisesti.",
        "Mötesplatsen är en öppen och avgiftsfri plats att träffa andra familjer, få kamratstöd "
        "och fråga om råd. Yrkespersoner besöker regelbundet.",
        "The meeting place is an open, free place to meet other families, find peer support and "
        "ask for advice. Professionals visit regularly.",
    ),
}
ACCESSIBILITY_PARTS: dict[str, Tri] = {
    "step_free": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
    "toilet": ("Esteetön WC.", "Tillgänglig toalett.", "Accessible toilet."),
    "loop": ("Induktiosilmukka.", "Induktionsslinga.", "Induction loop."),
    "pram": (
        "Lastenvaunuille on paikoitus sisällä.",
        "Barnvagnar kan parkeras inomhus.",
        "Pram parking indoors.",
    ),
    "stairs": (
        "Sisäänkäynnillä on portaat, ovikello ovella.",
        "Det finns trappor vid ingången, ringklocka vid dörren.",
        "There are steps at the entrance; ring the bell at the door.",
    ),
}
DIRECTIONS: Tri = (
    "Lähin bussipysäkki on noin {m} metrin päässä.",
    "Närmaste busshållplats ligger cirka {m} meter bort.",
    "The nearest bus stop is about {m} metres away.",
)
ELIGIBILITY_REFERRAL: Tri = (
    "Palveluun tullaan lähetteellä.",
    "Man kommer till tjänsten med remiss.",
    "A referral is needed.",
)
ELIGIBILITY_RESIDENTS: Tri = (
    "Palvelu on tarkoitettu alueen asukkaille.",
    "Tjänsten är avsedd för invånarna i området.",
    "For residents of the area.",
)
ELIGIBILITY_EVERYONE: Tri = (
    "Palvelu on avoin kaikille Suomessa asuville.",
    "Tjänsten är öppen för alla som bor i Finland.",
    "Open to everyone living in Finland.",
)
COST_INCOME: Tri = (
    "Maksu määräytyy perheen tulojen mukaan.",
    "Avgiften bestäms enligt familjens inkomster.",
    "The fee depends on the family's income.",
)
COST_FEE: Tri = (
    "Käynti maksaa {eur} euroa. Kela voi korvata osan.",
    "Ett besök kostar {eur} euro. FPA kan ersätta en del.",
    "A visit costs {eur} euros. Kela may reimburse part of it.",
)
BOOKING_ONLINE: Tri = (
    "Ajan voi varata myös sähköisesti.",
    "Tid kan också bokas elektroniskt.",
    "You can also book online.",
)
BOOKING_PHONE: Tri = (
    "Ajan voi varata puhelimitse.",
    "Tid kan bokas per telefon.",
    "Book by phone.",
)
EVERY_WEEK: Tri = ("joka kerta", "varje gång", "every time")
MONTHLY: Tri = (
    "kuukauden {ordinal} {weekday}",
    "den {ordinal} {weekday}en i månaden",
    "the {ordinal} {weekday} of the month",
)
