package names

import "strings"

// wordClass says what a listed word can be in a run; a word may have several.
type wordClass uint16

const (
	classBreak      wordClass = 1 << iota // ends a run: The, But, He
	classTitle                            // a title or honorific before a name
	classWeakTitle                        // a title that also starts other things ("General Motors")
	classAbbrev                           // its period ends no sentence: Mr., Sen., Jr.
	classPortfolio                        // completes a title after "of": Secretary of State
	classStop                             // never in a name: organisation, time and common words
	classPlace                            // places, nationalities, months: no name alone, but "Israel Katz" after a title
	classParticle                         // small part of a name: von, de, bin
	classConnector                        // lower-case part of a title: of, the, and, for
	classLowerTitle                       // lower-case title before a name: "said chairman Paul Volcker"
	classFirm                             // ends company names: Inc, Co, Brothers
)

// lexicon merges the word lists below so the scanner looks each word up once.
var lexicon = merge([]struct {
	words map[string]bool
	class wordClass
}{
	{breakWords, classBreak},
	{titleWords, classTitle},
	{weakTitles, classTitle | classWeakTitle},
	{titleAbbreviations, classAbbrev},
	{portfolios, classPortfolio | classStop},
	{notPersons, classStop},
	{companyWords, classStop | classFirm},
	{placeWords, classPlace},
	{particles, classParticle},
	{connectors, classConnector},
	{lowerTitles, classLowerTitle},
})

// merge gives each word the classes of all the lists holding it.
func merge(lists []struct {
	words map[string]bool
	class wordClass
}) map[string]wordClass {
	m := make(map[string]wordClass, 1024)
	for _, l := range lists {
		for w := range l.words {
			m[w] |= l.class
		}
	}
	return m
}

// breakWords are capitalised words that are never part of a name, mostly
// because they start sentences. They end a run instead of spoiling it, so
// "But Steve Witkoff" still yields "Steve Witkoff".
var breakWords = map[string]bool{
	"A": true, "About": true, "According": true, "After": true, "Again": true, "Against": true, "All": true,
	"Already": true, "Also": true, "Although": true, "Amid": true, "Among": true, "An": true, "And": true,
	"Another": true, "Any": true, "Are": true, "As": true, "Ask": true, "Asked": true, "At": true, "Be": true,
	"Because": true, "Before": true, "Behind": true, "Below": true, "Beyond": true, "Besides": true, "Both": true, "But": true, "By": true, "Can": true, "Could": true,
	"Despite": true, "Did": true, "Do": true, "Does": true, "During": true, "Each": true, "Earlier": true,
	"Eight": true, "Either": true, "Even": true, "Every": true, "Excluding": true, "First": true, "Five": true,
	"Following": true, "For": true, "Former": true, "Four": true, "From": true, "Go": true, "Had": true, "Has": true,
	"Have": true, "He": true, "Her": true, "Here": true, "His": true, "How": true, "However": true, "I": true,
	"If": true, "In": true, "Including": true, "Instead": true, "Into": true, "Is": true, "It": true, "Its": true,
	"Jr": true, "Just": true, "Last": true, "Later": true, "Let": true, "Like": true, "Many": true, "Meanwhile": true,
	"More": true, "Most": true, "Much": true, "Must": true, "My": true, "Neither": true, "Next": true, "Nine": true,
	"No": true, "Nor": true, "Not": true, "Now": true, "Of": true, "On": true, "Once": true, "One": true, "Only": true,
	"Or": true, "Other": true, "Our": true, "Over": true, "Perhaps": true, "Second": true, "Separately": true,
	"Seven": true, "She": true, "Should": true, "Since": true, "Six": true, "So": true, "Some": true, "Sr": true,
	"Still": true, "Such": true, "Ten": true, "That": true, "The": true, "Their": true, "Then": true, "There": true,
	"These": true, "They": true, "This": true, "Those": true, "Though": true, "Three": true, "Through": true,
	"To": true, "Today": true, "Two": true, "Under": true, "Unlike": true, "Until": true, "Upon": true, "Was": true,
	"We": true, "Were": true, "What": true, "When": true, "Where": true, "Whether": true, "Which": true, "While": true,
	"Who": true, "Why": true, "Will": true, "With": true, "Within": true, "Without": true, "Would": true,
	"Yesterday": true, "Yet": true, "You": true, "Your": true,
}

// titleWords are titles and honorifics: the words after them are a name even
// when it is a lone surname ("President Reagan", "Mr Smith"), and the words
// before them are dropped ("French President Emmanuel Macron").
var titleWords = map[string]bool{
	"Adm": true, "Admiral": true, "Ambassador": true, "Archbishop": true, "Attorney": true, "Attorney-General": true,
	"Ayatollah": true, "Bishop": true, "Brig": true, "Brigadier": true, "Capt": true, "Cardinal": true,
	"Chairman": true, "Chairwoman": true, "Chancellor": true, "Col": true, "Colonel": true, "Commissioner": true,
	"Congressman": true, "Congresswoman": true, "Councillor": true, "Dame": true, "Director-General": true, "Dr": true,
	"Emir": true, "Envoy": true, "Gen": true, "Gov": true, "Governor": true, "Governor-General": true, "Judge": true,
	"Justice": true, "King": true, "Lady": true, "Lieutenant": true, "Lord": true, "Lt": true, "Maj": true,
	"Mayor": true, "Messrs": true, "Minister": true, "Mr": true, "Mrs": true, "Ms": true, "Pope": true, "Premier": true,
	"President": true, "Prince": true, "Princess": true, "Prof": true, "Professor": true, "Queen": true, "Rep": true,
	"Representative": true, "Rev": true, "Reverend": true, "Secretary": true, "Secretary-General": true, "Sen": true,
	"Senator": true, "Sergeant": true, "Sgt": true, "Sheikh": true, "Sir": true, "Speaker": true, "Sultan": true,
	"Vice-Chairman": true, "Vice-President": true,
}

// weakTitles are titles that also head things other than people ("General
// Motors", "Executive Order", "Captain America"): after them alone a name
// needs two words.
var weakTitles = map[string]bool{
	"Analyst": true, "Broker": true, "Captain": true, "Chair": true, "Chief": true, "Coach": true, "Commander": true,
	"Correspondent": true, "Dealer": true, "Director": true, "Economist": true, "Editor": true, "Executive": true,
	"General": true, "Investor": true, "Leader": true, "Manager": true, "Officer": true, "Spokesman": true,
	"Spokeswoman": true, "Strategist": true, "Trader": true, "Treasurer": true,
}

// Abbreviation reports whether a word, in any case, is an abbreviation whose
// full stop ends no sentence: a title before a name ("Mr. Smith") or a short
// form before anything ("etc.", "no. 5"). Sentence splitting and name finding
// share these lists.
func Abbreviation(word string) bool {
	if shortForms[strings.ToLower(word)] {
		return true
	}
	for title := range titleAbbreviations {
		if strings.EqualFold(title, word) {
			return true
		}
	}
	return false
}

// shortForms are the lower-case abbreviations that may stand before a
// capital.
var shortForms = map[string]bool{
	"approx": true, "cf": true, "eg": true, "etc": true, "ie": true, "incl": true,
	"no": true, "nos": true, "op": true, "pp": true, "vol": true, "vs": true,
}

// titleAbbreviations are the titles whose period ends no sentence ("Mr.
// Smith").
var titleAbbreviations = map[string]bool{
	"Adm": true, "Brig": true, "Capt": true, "Col": true, "Dr": true, "Gen": true, "Gov": true, "Jr": true, "Lt": true,
	"Maj": true, "Messrs": true, "Mr": true, "Mrs": true, "Ms": true, "Mt": true, "Prof": true, "Rep": true,
	"Rev": true, "Sen": true, "Sgt": true, "Sr": true, "St": true,
}

// portfolios complete a title after "of", "for" or "and" ("Secretary of
// State", "Minister of Trade and Industry"); they are never in a name.
var portfolios = map[string]bool{
	"Affairs": true, "Agriculture": true, "Commerce": true, "Communications": true, "Culture": true, "Defence": true,
	"Defense": true, "Economy": true, "Education": true, "Employment": true, "Energy": true, "Environment": true,
	"Exchequer": true, "Finance": true, "Fisheries": true, "Foreign": true, "Health": true, "Home": true,
	"Homeland": true, "Housing": true, "Immigration": true, "Industry": true, "Information": true, "Interior": true,
	"International": true, "Justice": true, "Labor": true, "Labour": true, "Oil": true, "Petroleum": true,
	"Planning": true, "Security": true, "Staff": true, "State": true, "Trade": true, "Transport": true,
	"Transportation": true, "Treasury": true, "War": true,
}

// notPersons are capitalised words that are not people's names:
// organisations, days, parties, events and title modifiers. A run holding
// one is no person ("Senate Banking Committee", "Russian Direct Investment
// Fund"). They are not the English stop words the index leaves out.
var notPersons = map[string]bool{
	"Academy": true, "Accord": true, "Act": true, "Acting": true, "Administration": true, "Agency": true,
	"Agreement": true, "Airport": true, "Alliance": true, "Amendment": true, "Army": true, "Arts": true,
	"Assembly": true, "Assistant": true, "Associated": true, "Association": true, "Authority": true, "Average": true,
	"Award": true, "Awards": true, "Banking": true, "Board": true, "Bowl": true, "Bridge": true, "Budget": true,
	"Bureau": true, "Cabinet": true, "Catholic": true, "Center": true, "Centre": true, "Championship": true,
	"Chemical": true, "Christmas": true, "Church": true, "Circuit": true, "Club": true, "Coalition": true,
	"College": true, "Commission": true, "Committee": true, "Communist": true, "Confederation": true,
	"Conference": true, "Congress": true, "Conservative": true, "Conservatives": true, "Constitution": true,
	"Convention": true, "Council": true, "Country": true, "Court": true, "Cup": true, "Currency": true, "Daily": true,
	"Day": true, "Democrat": true, "Democratic": true, "Democrats": true, "Dems": true, "Department": true,
	"Deputy": true, "Division": true, "Dollar": true, "Domestic": true, "Easter": true, "Electric": true, "Euro": true,
	"Evening": true, "Exchange": true, "Express": true, "Federal": true, "Federation": true, "Festival": true,
	"Final": true, "Force": true, "Forces": true, "Foundation": true, "Friday": true, "Front": true, "Fund": true,
	"Games": true, "Gazette": true, "Globe": true, "Globes": true, "Government": true, "Grand": true, "Guard": true,
	"Hamas": true, "Herald": true, "Hezbollah": true, "Hospital": true, "Hotel": true, "House": true, "Index": true,
	"Industrial": true, "Institute": true, "Interbank": true, "Internet": true, "Journal": true, "Kremlin": true,
	"Lane": true, "League": true, "Lib": true, "Liberal": true, "Lords": true, "Market": true, "Media": true,
	"Ministry": true, "Monday": true, "Monetary": true, "Moslem": true, "Moslems": true, "Motor": true, "Motors": true,
	"Movement": true, "Museum": true, "Muslim": true, "Muslims": true, "National": true, "Nations": true, "Nato": true,
	"Navy": true, "Network": true, "News": true, "Office": true, "Old": true, "Olympics": true, "Opec": true,
	"Open": true, "Order": true, "Organisation": true, "Organization": true, "Pact": true, "Palace": true,
	"Parliament": true, "Party": true, "Pentagon": true, "Plan": true, "Police": true, "Policy": true, "Post": true,
	"Premiership": true, "Press": true, "Prime": true, "Prize": true, "Product": true, "Products": true,
	"Program": true, "Programme": true, "Radio": true, "Ramadan": true, "Rate": true, "Regional": true,
	"Relations": true, "Report": true, "Republic": true, "Republican": true, "Republicans": true, "Research": true,
	"Reserve": true, "Resources": true, "Reuters": true, "Review": true, "Rights": true, "Road": true, "Round": true,
	"Saturday": true, "School": true, "Senate": true, "Senior": true, "Series": true, "Service": true, "Services": true,
	"Shimbun": true, "Sisters": true, "Social": true, "Society": true, "Sports": true, "Square": true, "Stadium": true,
	"Standard": true, "Steel": true, "Stock": true, "Stocks": true, "Street": true, "Summit": true, "Sunday": true,
	"System": true, "Systems": true, "Taliban": true, "Telegraph": true, "Television": true, "Thursday": true,
	"Times": true, "Tory": true, "Tribune": true, "Tuesday": true, "Union": true, "Units": true, "University": true,
	"Utd": true, "Vatican": true, "Vice": true, "Villa": true, "Wars": true, "Wednesday": true, "Week": true,
	"Workers": true, "World": true, "Year": true,
}

// companyWords end the names of companies ("Morgan Stanley and Co",
// "Merrill Lynch Capital Markets"). They are stop words, and the words
// before them are a firm wherever else they appear in the article.
var companyWords = map[string]bool{
	"Aerospace": true, "Aircraft": true, "Airline": true, "Airlines": true, "Airways": true, "Associates": true,
	"Assurance": true, "Aviation": true, "Banca": true, "Banco": true, "Bancorp": true, "Bank": true, "Banken": true,
	"Banks": true, "Banque": true, "Brands": true, "Broadcasting": true, "Bros": true, "Brothers": true, "Caisse": true,
	"Capital": true, "Chemie": true, "Co": true, "Compagnie": true, "Company": true, "Computer": true,
	"Cooperative": true, "Corp": true, "Corporation": true, "Cos": true, "Credit": true, "Creditbank": true,
	"Deutsche": true, "Electronics": true, "Enterprises": true, "Exploration": true, "Financial": true, "Foods": true,
	"Generale": true, "Girozentrale": true, "GmbH": true, "Group": true, "Holdings": true, "Inc": true,
	"Industrie": true, "Industries": true, "Insurance": true, "International": true, "Investment": true,
	"Investments": true, "Laboratories": true, "Labs": true, "Landesbank": true, "Limited": true, "Ltd": true,
	"Machines": true, "Management": true, "Marketing": true, "Markets": true, "Mine": true, "Mining": true,
	"Nationale": true, "Partners": true, "Pharmaceuticals": true, "Pipeline": true, "Plc": true, "Properties": true,
	"Publishing": true, "Refining": true, "Savings": true, "Securities": true, "Societe": true, "Software": true,
	"Sons": true, "SpA": true, "Spa": true, "Technology": true, "Trust": true, "Utilities": true,
}

// placeWords are places, nationalities and months. Like stop words they make
// a run no person, but after a title they may be part of a name ("Defence
// Minister Israel Katz", "Prime Minister Theresa May"), never a whole one.
var placeWords = map[string]bool{
	"Afghan": true, "Afghanistan": true, "Africa": true, "African": true, "Aires": true, "Algerian": true,
	"America": true, "American": true, "Americans": true, "Angeles": true, "Apr": true, "April": true, "Arab": true,
	"Arabia": true, "Argentine": true, "Asia": true, "Asian": true, "Athens": true, "Atlantic": true, "Aug": true,
	"August": true, "Australia": true, "Australian": true, "Austrian": true, "Avenue": true, "Barcelona": true,
	"Basin": true, "Bay": true, "Beach": true, "Beijing": true, "Belfast": true, "Belgian": true, "Berlin": true,
	"Brazil": true, "Brazilian": true, "Britain": true, "British": true, "Brussels": true, "Buenos": true,
	"Canada": true, "Canadian": true, "Canyon": true, "Cape": true, "Capitol": true, "Cardiff": true, "Central": true,
	"Chilean": true, "China": true, "Chinese": true, "City": true, "Coast": true, "Colombian": true, "Costa": true,
	"County": true, "Cuban": true, "Czech": true, "Danish": true, "Dec": true, "December": true, "Desert": true,
	"Dhabi": true, "Dublin": true, "Dutch": true, "East": true, "Eastern": true, "Edinburgh": true, "Egypt": true,
	"Egyptian": true, "England": true, "English": true, "Europe": true, "European": true, "Falls": true, "Feb": true,
	"February": true, "Finnish": true, "Fort": true, "France": true, "French": true, "Gaza": true, "Geneva": true,
	"German": true, "Germany": true, "Glasgow": true, "Great": true, "Greek": true, "Gulf": true, "Harbor": true,
	"Harbour": true, "Hills": true, "Hollywood": true, "Hong": true, "Hungarian": true, "India": true, "Indian": true,
	"Indonesian": true, "Inner": true, "Iran": true, "Iranian": true, "Iraq": true, "Iraqi": true, "Ireland": true,
	"Irish": true, "Island": true, "Islands": true, "Israel": true, "Israeli": true, "Italian": true, "Italy": true,
	"Jan": true, "Janeiro": true, "January": true, "Japan": true, "Japanese": true, "Jerusalem": true, "Jul": true,
	"July": true, "Jun": true, "June": true, "Kenyan": true, "Kingdom": true, "Kong": true, "Korea": true,
	"Korean": true, "Kuala": true, "Kuwaiti": true, "Kyiv": true, "Lake": true, "Lanka": true, "Las": true,
	"Latin": true, "Lebanese": true, "Lebanon": true, "Libyan": true, "London": true, "Los": true, "Madrid": true,
	"Malaysian": true, "Mar": true, "March": true, "May": true, "Mexican": true, "Mexico": true, "Middle": true,
	"Milan": true, "Moroccan": true, "Moscow": true, "Mount": true, "Mountains": true, "Mt": true, "Munich": true,
	"New": true, "Nigerian": true, "North": true, "Northern": true, "Norwegian": true, "Nov": true, "November": true,
	"Ocean": true, "Oct": true, "October": true, "Pacific": true, "Pakistan": true, "Pakistani": true,
	"Palestinian": true, "Paris": true, "Parish": true, "Peninsula": true, "Persian": true, "Peruvian": true,
	"Philippine": true, "Polish": true, "Port": true, "Portuguese": true, "Prefecture": true, "Province": true,
	"Puerto": true, "Qatar": true, "River": true, "Romanian": true, "Rome": true, "Russia": true, "Russian": true,
	"Saint": true, "San": true, "Santa": true, "Sao": true, "Saudi": true, "Scotland": true, "Sea": true, "Sep": true,
	"Sept": true, "September": true, "South": true, "Southern": true, "Soviet": true, "Spain": true, "Spanish": true,
	"Sri": true, "St": true, "Strait": true, "Swedish": true, "Swiss": true, "Syria": true, "Syrian": true,
	"Taiwan": true, "Tehran": true, "Tel": true, "Texas": true, "Thai": true, "Tokyo": true, "Turkey": true,
	"Turkish": true, "Ukraine": true, "Ukrainian": true, "United": true, "Valley": true, "Venezuelan": true,
	"Vietnamese": true, "Wales": true, "Wall": true, "Washington": true, "West": true, "Western": true, "York": true,
}

// particles are the small words inside names ("Ursula von der Leyen",
// "Charles de Gaulle", "Mohammed bin Salman"). In lower case they join a run;
// capitalised at its start they make it a surname ("Von der Leyen said") or
// a foreign title ("Der Spiegel"), which never stands alone.
var particles = map[string]bool{
	"Da": true, "De": true, "Del": true, "Der": true, "Des": true, "Di": true, "Die": true, "Du": true, "El": true,
	"Il": true, "La": true, "Las": true, "Le": true, "Les": true, "Los": true, "Van": true, "Von": true, "al": true,
	"bin": true, "da": true, "das": true, "de": true, "del": true, "della": true, "den": true, "der": true, "di": true,
	"dos": true, "du": true, "ibn": true, "la": true, "le": true, "ter": true, "van": true, "von": true,
}

// connectors are the lower-case words inside titles ("Chancellor of the
// Exchequer"); they stay in a run only when a portfolio word follows.
var connectors = map[string]bool{
	"and": true, "for": true, "of": true, "the": true,
}

// lowerTitles are lower-case roles that mark the next run as a name
// ("said chairman Paul Volcker", "singer Kylie Minogue").
var lowerTitles = map[string]bool{
	"actor": true, "actress": true, "ambassador": true, "captain": true, "chairman": true, "chairwoman": true,
	"chancellor": true, "chief": true, "coach": true, "commissioner": true, "director": true, "envoy": true,
	"executive": true, "governor": true, "judge": true, "leader": true, "mayor": true, "minister": true,
	"premier": true, "president": true, "secretary": true, "senator": true, "singer": true, "spokesman": true,
	"spokeswoman": true, "striker": true,
}

// lookalikes are firms and indexes named like people. News often names them
// bare ("Goldman Sachs said"), without the "Inc" or "and Co" that would show
// them to be firms.
var lookalikes = map[string]bool{
	"Archer Daniels": true, "Bear Stearns": true, "Bristol Myers": true, "Chase Manhattan": true, "Dean Witter": true,
	"Dow Jones": true, "Drexel Burnham": true, "Fannie Mae": true, "Freddie Mac": true, "Goldman Sachs": true,
	"Hang Seng": true, "Harris Upham": true, "Hewlett Packard": true, "Hoare Govett": true, "James Capel": true,
	"Jardine Fleming": true, "Johnson Matthey": true, "Kidder Peabody": true, "Lazard Freres": true,
	"McDonnell Douglas": true, "Merrill Lynch": true, "Morgan Grenfell": true, "Morgan Guaranty": true,
	"Morgan Stanley": true, "Paine Webber": true, "Philip Morris": true, "Rolls Royce": true, "Samuel Montagu": true,
	"Shearson Lehman": true, "Smith Barney": true, "Wells Fargo": true,
}

// compoundSuffixes end capitalised compounds that are adjectives, not names:
// "London-based", "Icahn-led", "Soviet-made".
var compoundSuffixes = map[string]bool{
	"backed": true, "based": true, "born": true, "bound": true, "built": true, "controlled": true, "era": true,
	"funded": true, "led": true, "linked": true, "made": true, "owned": true, "run": true, "speaking": true,
	"style": true,
}
